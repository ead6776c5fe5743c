package produce

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// register posts schema under subject and returns its id. It is a minimal
// client on purpose: the dev tool must not depend on the runtime's.
func register(ctx context.Context, registryURL, auth, subject string, schema []byte) (int, error) {
	u, err := url.Parse(strings.TrimSuffix(registryURL, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return 0, fmt.Errorf("produce: registry URL %q: want http(s)://host:port", registryURL)
	}
	user, pass, hasAuth := "", "", false
	if u.User != nil {
		user, hasAuth = u.User.Username(), true
		pass, _ = u.User.Password()
		u.User = nil
	}
	if auth != "" {
		var ok bool
		if user, pass, ok = strings.Cut(auth, ":"); !ok {
			return 0, fmt.Errorf("produce: registry auth: want user:password")
		}
		hasAuth = true
	}
	body, err := json.Marshal(map[string]string{"schema": string(schema)})
	if err != nil {
		return 0, err
	}
	endpoint := u.String() + "/subjects/" + url.PathEscape(subject) + "/versions"
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, bytes.NewReader(body))
	if err != nil {
		return 0, fmt.Errorf("produce: register schema: %w", err)
	}
	req.Header.Set("Content-Type", "application/vnd.schemaregistry.v1+json")
	if hasAuth {
		req.SetBasicAuth(user, pass)
	}
	client := &http.Client{Timeout: 30 * time.Second}
	resp, err := client.Do(req)
	if err != nil {
		return 0, fmt.Errorf("produce: register schema under %s: %w", subject, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return 0, fmt.Errorf("produce: register schema under %s: %w", subject, err)
	}
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Code    int    `json:"error_code"`
			Message string `json:"message"`
		}
		if json.Unmarshal(data, &e) == nil && e.Message != "" {
			return 0, fmt.Errorf("produce: register schema under %s: %s (error %d)", subject, e.Message, e.Code)
		}
		return 0, fmt.Errorf("produce: register schema under %s: HTTP %s", subject, resp.Status)
	}
	var ok struct {
		ID int `json:"id"`
	}
	if err := json.Unmarshal(data, &ok); err != nil || ok.ID <= 0 {
		return 0, fmt.Errorf("produce: register schema under %s: unexpected answer %q", subject, data)
	}
	return ok.ID, nil
}

package broker

import "net"

// advertisedListener reports the address clients should dial. kfake puts the
// listener's own address in metadata responses, and 0.0.0.0 or [::] there
// would send clients nowhere.
type advertisedListener struct {
	net.Listener
	addr string
}

func (l advertisedListener) Addr() net.Addr {
	a, err := net.ResolveTCPAddr("tcp", l.addr)
	if err != nil {
		return l.Listener.Addr()
	}
	return a
}

// advertised replaces an unspecified host (0.0.0.0, ::) with loopback.
func advertised(hostport string) string {
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		return hostport
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		host = "127.0.0.1"
		if ip.To4() == nil {
			host = "::1"
		}
	}
	return net.JoinHostPort(host, port)
}

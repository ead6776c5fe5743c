package confluent_test
import "testing"
func TestX(t *testing.T){
	r := newTestRegistry(t)
	r.register(t, "gps-value", gpsV1)
	idBad := r.register(t, "gps-value", gpsBadSpeed)
	_, err := r.decoder(t,false).Body(framed(idBad, v1Body(berlin)), nil, new([]byte))
	t.Log(err)
	_, err = r.decoder(t,false).Body(framed(999, v1Body(berlin)), nil, new([]byte))
	t.Log(err)
}

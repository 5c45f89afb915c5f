package main

import (
	"fmt"

	"google.golang.org/protobuf/proto"
)

// frame is one message of a relayed call, kept as the bytes that came over the wire: never
// decoded, so the pinned host gets exactly what the CLI sent (fields it does not know included)
// and the CLI exactly what the host answered.
type frame struct {
	data []byte
}

// relayCodec marshals relayed frames as they are and every other message (the calls this
// program serves itself, and gRPC's own services) as protobuf. Its name is "proto", so the
// content type on the wire stays the standard "application/grpc+proto".
type relayCodec struct{}

// Name is the content subtype.
func (relayCodec) Name() string { return "proto" }

// Marshal encodes v.
func (relayCodec) Marshal(v any) ([]byte, error) {
	switch m := v.(type) {
	case *frame:
		return m.data, nil
	case proto.Message:
		return proto.Marshal(m)
	default:
		return nil, fmt.Errorf("relay codec: cannot marshal %T", v)
	}
}

// Unmarshal decodes data into v.
func (relayCodec) Unmarshal(data []byte, v any) error {
	switch m := v.(type) {
	case *frame:
		// A copy: the caller may reuse data's buffer once this returns.
		m.data = append([]byte(nil), data...)
		return nil
	case proto.Message:
		return proto.Unmarshal(data, m)
	default:
		return fmt.Errorf("relay codec: cannot unmarshal into %T", v)
	}
}

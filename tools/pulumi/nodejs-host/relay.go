package main

import (
	"context"
	"errors"
	"io"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// anyStream describes a relayed call of any shape: unary calls and server-streaming ones
// (InstallDependencies, RunPlugin) are special cases of a bidirectional stream.
var anyStream = &grpc.StreamDesc{ClientStreams: true, ServerStreams: true}

// relayTo returns the handler of every call this program does not serve itself: it replays the
// call on conn (the pinned host) with the same method, metadata and messages, and returns its
// responses, headers, trailers and status (Unimplemented included) as they come. A RunPlugin
// that starts a policy pack is the exception: it is run here (policy_pack.go).
func relayTo(conn *grpc.ClientConn) grpc.StreamHandler {
	return func(_ any, in grpc.ServerStream) error {
		method, ok := grpc.MethodFromServerStream(in)
		if !ok {
			return status.Error(codes.Internal, "relay: no method on the incoming stream")
		}
		// The request of RunPlugin (a server stream: one request) is read first to see its kind.
		var first *frame
		if method == runPluginMethod {
			first = new(frame)
			if err := in.RecvMsg(first); err != nil {
				return err
			}
			if req, ok := isPolicyPackRun(first); ok {
				return runPolicyPack(req, in)
			}
		}
		ctx, cancel := context.WithCancel(in.Context())
		defer cancel()
		md, _ := metadata.FromIncomingContext(ctx)
		out, err := conn.NewStream(metadata.NewOutgoingContext(ctx, relayedMetadata(md)), anyStream, method)
		if err != nil {
			return err
		}
		go func() {
			// A failure to read the caller's requests ends the call: cancel the relayed one too.
			if err := relayRequests(in, out, first); err != nil {
				cancel()
			}
		}()
		return relayResponses(out, in)
	}
}

// relayRequests copies the caller's messages to the pinned host until the caller is done; first,
// when not nil, is a message already read from the caller.
func relayRequests(in grpc.ServerStream, out grpc.ClientStream, first *frame) error {
	if first != nil {
		if err := out.SendMsg(first); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
	}
	for {
		f := new(frame)
		if err := in.RecvMsg(f); err != nil {
			if errors.Is(err, io.EOF) {
				return out.CloseSend()
			}
			return err
		}
		if err := out.SendMsg(f); err != nil {
			// io.EOF: the host ended the call; its status arrives through RecvMsg.
			if errors.Is(err, io.EOF) {
				return nil
			}
			return err
		}
	}
}

// relayResponses copies the pinned host's headers, messages, trailers and final status back.
func relayResponses(out grpc.ClientStream, in grpc.ServerStream) error {
	headerSent := false
	for {
		f := new(frame)
		err := out.RecvMsg(f)
		if !headerSent {
			if hdr, herr := out.Header(); herr == nil && len(hdr) > 0 {
				if err == nil {
					_ = in.SendHeader(hdr)
				} else {
					_ = in.SetHeader(hdr)
				}
			}
			headerSent = true
		}
		if err != nil {
			in.SetTrailer(out.Trailer())
			if errors.Is(err, io.EOF) {
				return nil
			}
			// A status error from the host: returned as is, so the caller sees the same code.
			return err
		}
		if err := in.SendMsg(f); err != nil {
			return err
		}
	}
}

// relayedMetadata is the caller's metadata without the keys gRPC itself sets on every call
// (HTTP/2 pseudo-headers, content type, user agent, grpc-* transport headers).
func relayedMetadata(md metadata.MD) metadata.MD {
	out := metadata.MD{}
	for k, v := range md {
		switch {
		case strings.HasPrefix(k, ":"), strings.HasPrefix(k, "grpc-"),
			k == "content-type", k == "user-agent", k == "te":
			continue
		}
		out[k] = append([]string(nil), v...)
	}
	return out
}

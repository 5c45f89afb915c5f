package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/http"
)

// The .NET generator downloads the NuGet package icon (logo.png) with http.Get from the schema's
// logoUrl, or else from a fixed URL of Pulumi's logo on raw.githubusercontent.com
// (codegen/dotnet/gen.go, getLogo, at pkg/v3 v3.224.0). Code generation must work offline, so this
// host answers that request itself, with a plain 64×64 square, and refuses every other request:
// the generator never reaches the network.
type offlineLogo struct{ png []byte }

// RoundTrip serves the icon for any GET of a .png and fails everything else.
func (l offlineLogo) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method != http.MethodGet || !bytes.HasSuffix([]byte(req.URL.Path), []byte(".png")) {
		return nil, fmt.Errorf("pulumi-language-dotnet: no network access here (%s %s)", req.Method, req.URL)
	}
	return &http.Response{
		StatusCode:    http.StatusOK,
		Status:        "200 OK",
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        http.Header{"Content-Type": []string{"image/png"}},
		Body:          io.NopCloser(bytes.NewReader(l.png)),
		ContentLength: int64(len(l.png)),
		Request:       req,
	}, nil
}

// squarePNG is a 64×64 PNG of one colour.
func squarePNG(c color.Color) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 64, 64))
	for y := 0; y < 64; y++ {
		for x := 0; x < 64; x++ {
			img.Set(x, y, c)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err) // encoding an in-memory RGBA image does not fail
	}
	return buf.Bytes()
}

// serveLogoOffline makes http.Get (the default client) answer from memory.
func serveLogoOffline() {
	http.DefaultClient.Transport = offlineLogo{png: squarePNG(color.RGBA{R: 0xff, G: 0x6a, B: 0x00, A: 0xff})}
}

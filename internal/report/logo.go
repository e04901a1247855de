package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image"
	"image/color"
	_ "image/jpeg" // JPEG logos
	_ "image/png"  // PNG logos
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// logoRows are the rows the brand's logo takes at the top of Summary (beside the title).
const logoRows = 3

// addLogo puts the brand's logo at the top of Summary (sheet), beside the title, scaled to a
// few rows' height.
func addLogo(f *excelize.File, sheet string, b Brand) error {
	if len(b.Logo) == 0 {
		return nil
	}
	ext := ".png"
	switch b.LogoType {
	case "image/svg+xml":
		ext = ".svg"
	case "image/jpeg":
		ext = ".jpg"
	}
	opts := &excelize.GraphicOptions{AltText: "logo", Positioning: "oneCell"}
	const height = 20 * logoRows // pixels
	cfg, _, err := image.DecodeConfig(bytes.NewReader(b.Logo))
	if err != nil {
		return errors.New("the logo is not a PNG, JPEG or SVG image: " + err.Error())
	}
	if cfg.Height > height {
		opts.ScaleX = float64(height) / float64(cfg.Height)
		opts.ScaleY = opts.ScaleX
	}
	return f.AddPictureFromBytes(sheet, "D1", &excelize.Picture{Extension: ext, File: b.Logo, Format: opts})
}

// excelize takes the size of every picture from image.DecodeConfig, which knows no SVG: these
// read an SVG logo's size from its root element (width and height, else its viewBox). An SVG
// is never rasterised here; the workbook embeds it as it is.
func init() {
	for _, magic := range []string{"<svg", "<?xml"} {
		image.RegisterFormat("svg", magic, decodeSVG, decodeSVGConfig)
	}
}

func decodeSVG(io.Reader) (image.Image, error) { return nil, errors.New("svg: not rasterised") }

func decodeSVGConfig(r io.Reader) (image.Config, error) {
	d := xml.NewDecoder(io.LimitReader(r, 1<<20))
	for {
		tok, err := d.Token()
		if err != nil {
			return image.Config{}, errors.New("svg: no <svg> element")
		}
		el, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		if el.Name.Local != "svg" {
			return image.Config{}, errors.New("svg: the root element is not <svg>")
		}
		var w, h float64
		var box []string
		for _, a := range el.Attr {
			switch a.Name.Local {
			case "width":
				w = svgLength(a.Value)
			case "height":
				h = svgLength(a.Value)
			case "viewBox":
				box = strings.Fields(strings.ReplaceAll(a.Value, ",", " "))
			}
		}
		if (w <= 0 || h <= 0) && len(box) == 4 {
			w, h = svgLength(box[2]), svgLength(box[3])
		}
		if w <= 0 || h <= 0 {
			w, h = 300, 150 // the size a browser gives an SVG that states none
		}
		return image.Config{ColorModel: color.RGBAModel, Width: int(w + 0.5), Height: int(h + 0.5)}, nil
	}
}

// svgLength reads "120", "120px" or "120.5" as pixels; other units (%, em) as 0.
func svgLength(s string) float64 {
	v, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(s), "px"), 64)
	if err != nil {
		return 0
	}
	return v
}

package ingest

import (
	"errors"
	"strings"

	"github.com/vet-tool/vet/internal/lang"
)

// fileError is a file that cannot be read, said as a catalog message (ingest.file.*) so that
// the report names a skipped file's reason in its language; its Error is the file's name and
// the message in English, as the command prints it.
type fileError struct {
	name string
	msg  lang.Msg
}

func (e *fileError) Error() string { return e.name + ": " + lang.InEnglish(e.msg) }

// fileErr is the fileError of name: ingest.file.<key> filled with args.
func fileErr(name, key string, args ...lang.Arg) error {
	return &fileError{name: name, msg: lang.M("ingest.file."+key, args...)}
}

// said is what err says of the file name, as a message: the catalog's when ingest made it so,
// else its text (the system's words: permission denied, a parser's detail), after the name.
func said(name string, err error) lang.Msg {
	if m, ok := msgOf(name, err); ok {
		return m
	}
	if errors.Is(err, errBinary) {
		return lang.M("ingest.file.not_text")
	}
	reason := err.Error()
	if rest, ok := strings.CutPrefix(reason, name); ok {
		switch {
		case strings.HasPrefix(rest, ": "):
			reason = rest[2:]
		case strings.HasPrefix(rest, ":"): // name:line: …
			return lang.M("ingest.file.at_line", lang.Text("where", rest[1:]))
		case strings.HasPrefix(rest, "["): // name[sheet]: …
			sheet, why, _ := strings.Cut(rest[1:], "]")
			if m, ok := msgOf(name+"["+sheet+"]", err); ok {
				return lang.M("ingest.file.in_sheet", lang.Text("sheet", sheet), lang.Sub("reason", m))
			}
			return lang.M("ingest.file.in_sheet", lang.Text("sheet", sheet), lang.Sub("reason", lang.M("ingest.file.other", lang.Text("error", strings.TrimPrefix(why, ": ")))))
		}
	}
	return lang.M("ingest.file.other", lang.Text("error", reason))
}

// msgOf is the catalog message err carries of the file (or sheet) name, if it carries one.
func msgOf(name string, err error) (lang.Msg, bool) {
	var fe *fileError
	if errors.As(err, &fe) && fe.name == name {
		return fe.msg, true
	}
	var mf *MissingFieldError
	if errors.As(err, &mf) && mf.File == name {
		return mf.Msg(), true
	}
	return lang.Msg{}, false
}

package report

import "github.com/vet-tool/vet/internal/lang"

// en is a message as an English report writes it.
func en(m lang.Msg) string { return lang.InEnglish(m) }

// enAll is a reason line as an English report writes it.
func enAll(ms []lang.Msg) string { return lang.New(lang.English, "").SayAll(ms) }

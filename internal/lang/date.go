package lang

import (
	"strconv"
	"time"
)

// Date writes a day as people read it: 2 January 2006 (2 januari 2006).
func (p *Printer) Date(t time.Time) string {
	return strconv.Itoa(t.Day()) + " " + p.T("month."+strconv.Itoa(int(t.Month()))) + " " + strconv.Itoa(t.Year())
}

// DateTime writes a moment: 2 January 2006, 15:04 UTC (2 januari 2006, 15:04 UTC).
func (p *Printer) DateTime(t time.Time) string {
	t = t.UTC()
	return p.Date(t) + ", " + t.Format("15:04") + " UTC"
}

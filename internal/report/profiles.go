package report

import (
	"bufio"
	"io"

	"github.com/vet-tool/vet/internal/ingest"
)

// ProfilesFile lists every account's TikTok profile, one URL a line in rank order, ready to
// paste into a profile scraper. For a sample batch (a hashtag or trend export) it is what to
// export next: each creator's own recent posts, which vet can rate (issue 19).
const ProfilesFile = "profiles.txt"

// writeProfiles writes profiles.txt: one profile URL a line, accounts in rank order.
func writeProfiles(w io.Writer, r *Report) error {
	bw := bufio.NewWriter(w)
	for i := range r.Result.Accounts {
		bw.WriteString(ingest.ProfileURL(r.Result.Accounts[i].Handle))
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

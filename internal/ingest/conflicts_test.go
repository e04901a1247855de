package ingest

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestConflictsAreSaid is issue 23 item 5: two sources disagreeing on an account's followers
// give one warning naming both values and where each was read, and the documented rule picks
// (an accounts file over the posts, its later row over an earlier one); a Studio folder whose
// links name several handles is split, with a line saying so.
func TestConflictsAreSaid(t *testing.T) {
	const posts = "account,followers,views,likes,comments,shares,posted_at,caption\n" +
		"alice,5000,100,5,1,1,2026-11-01,a\n" +
		"alice,6000,100,5,1,1,2026-11-09,b\n" +
		"alice,5500,100,5,1,1,2026-11-05,c\n"
	t.Run("two rows of an accounts file: the later is used, both named", func(t *testing.T) {
		b := mustRead(t, map[string]string{"posts.csv": posts, "accounts.csv": "handle,followers\nalice,20000\nbob,10\nAlice,900000\n"},
			Options{Accounts: []string{"accounts.csv"}}, "posts.csv")
		if b.Followers["alice"] != 900_000 {
			t.Errorf("followers %d, want the later row's 900,000", b.Followers["alice"])
		}
		if !warned(b, "followers of alice: 20,000 at accounts.csv:2, 900,000 at accounts.csv:4; the later row's 900,000 is used") {
			t.Errorf("warnings %q", b.Warnings)
		}
	})
	t.Run("an accounts file against the posts' own column: the file's is used, the newest post named", func(t *testing.T) {
		b := mustRead(t, map[string]string{"posts.csv": posts, "accounts.csv": "handle,followers\nalice,20000\n"},
			Options{Accounts: []string{"accounts.csv"}}, "posts.csv")
		if b.Followers["alice"] != 20_000 {
			t.Errorf("followers %d", b.Followers["alice"])
		}
		if !warned(b, "followers of alice: 20,000 at accounts.csv:2, 6,000 in its posts (the newest saying so at posts.csv:3); the accounts file's 20,000 is used") {
			t.Errorf("warnings %q", b.Warnings)
		}
	})
	t.Run("an accounts sheet against the posts sheet of one workbook", func(t *testing.T) {
		f := excelize.NewFile()
		f.SetSheetName("Sheet1", "Posts")
		f.SetSheetRow("Posts", "A1", &[]any{"account", "followers", "views", "likes", "comments", "shares", "caption"})
		f.SetSheetRow("Posts", "A2", &[]any{"alice", 5000, 100, 5, 1, 1, "x"})
		f.NewSheet("Accounts")
		f.SetSheetRow("Accounts", "A1", &[]any{"handle", "followers"})
		f.SetSheetRow("Accounts", "A2", &[]any{"alice", 20000})
		var buf bytes.Buffer
		f.Write(&buf)
		b, err := Read([]string{writeFile(t, "w.xlsx", buf.Bytes())}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if b.Followers["alice"] != 20_000 || !warned(b, "followers of alice: 20,000 at w.xlsx[Accounts]:2, 5,000 in its posts (the newest saying so at w.xlsx[Posts]:2)") {
			t.Errorf("followers %d, warnings %q", b.Followers["alice"], b.Warnings)
		}
	})
	t.Run("agreeing sources say nothing", func(t *testing.T) {
		b := mustRead(t, map[string]string{"posts.csv": "account,followers,views,likes,comments,shares,caption\nalice,20000,1,1,1,1,x\n", "accounts.csv": "handle,followers\nalice,20000\nalice,20000\n"},
			Options{Accounts: []string{"accounts.csv"}}, "posts.csv")
		if warned(b, "followers of") {
			t.Errorf("warnings %q", b.Warnings)
		}
	})
	t.Run("past ten disagreements the rest are counted in one line", func(t *testing.T) {
		var acc strings.Builder
		acc.WriteString("handle,followers\n")
		for i := range 15 {
			acc.WriteString("a" + string(rune('a'+i)) + ",1\n" + "a" + string(rune('a'+i)) + ",2\n")
		}
		b := mustRead(t, map[string]string{"posts.csv": posts, "accounts.csv": acc.String()}, Options{Accounts: []string{"accounts.csv"}}, "posts.csv")
		n := 0
		for _, w := range b.Warnings {
			if strings.HasPrefix(w, "followers of ") {
				n++
			}
		}
		if n != maxConflicts || !warned(b, "… and 5 more follower counts that disagree") {
			t.Errorf("%d warned one by one; warnings %q", n, b.Warnings)
		}
	})
	t.Run("a Studio folder whose links name two handles is split, saying so", func(t *testing.T) {
		dir := filepath.Join(t.TempDir(), "studio")
		os.Mkdir(dir, 0o755)
		os.WriteFile(filepath.Join(dir, "Content.csv"), []byte("Time,Video title,Video link,Post time,Total likes,Total comments,Total shares,Total views\n"+
			"February 28,x,https://www.tiktok.com/@me/video/7602008805399940407,February 1,1,1,1,10\n"+
			"February 28,y,https://www.tiktok.com/@other/video/7602008805399940408,February 2,1,1,1,10\n"), 0o644)
		os.WriteFile(filepath.Join(dir, "FollowerHistory.csv"), []byte("Date,Followers\nFebruary 27,500\nFebruary 28,510\n"), 0o644)
		b, err := Read([]string{dir}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(accountsOf(b)) != 2 || len(b.Followers) != 0 {
			t.Errorf("accounts %v, followers %v", accountsOf(b), b.Followers)
		}
		if !warned(b, "a TikTok Studio export is one creator's, but its video links name 2 handles (me, other): its posts are split by handle; its follower history (510) is used for none of them") {
			t.Errorf("warnings %q", b.Warnings)
		}
	})
}

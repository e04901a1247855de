package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestPinnedAndSponsored(t *testing.T) {
	tests := []struct {
		name              string
		header, cells     string
		pinned, sponsored bool
		rejected          string // the rejected row's Error(), "" when the row is used
	}{
		{"no such columns: neither", "", "", false, false, ""},
		{"isPinned and isAd true", "isPinned,isAd", "true,true", true, true, ""},
		{"is_pinned and is_ad written TRUE and FALSE", "is_pinned,is_ad", "TRUE,FALSE", true, false, ""},
		{"pinned 1, sponsored 0", "pinned,sponsored", "1,0", true, false, ""},
		{"yes and no", "Pinned,isSponsored", "yes,No", true, false, ""},
		{"empty cells are false", "pinned,paid_partnership", ",", false, false, ""},
		{"branded_content", "branded_content", "1", false, true, ""},
		{"isAd no but isSponsored yes: any sponsored column marks it", "isAd,isSponsored", "false,true", false, true, ""},
		{"isAd yes and isSponsored empty", "isAd,isSponsored", "true,", false, true, ""},
		{"TikTok's Paid partnership header", "Paid partnership", "Yes", false, true, ""},
		{"a cell that is not a yes or no rejects the row", "pinned", "maybe", false, false,
			`-:2: pinned: "maybe" is not a yes or no (true/false, 1/0, yes/no)`},
		{"a bad sponsored cell names its column", "isAd", "2", false, false,
			`-:2: isAd: "2" is not a yes or no (true/false, 1/0, yes/no)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			head, row := "account,views,likes,comments,shares", "ann,100,10,1,1"
			if tc.header != "" {
				head, row = head+","+tc.header, row+","+tc.cells
			}
			b := readString(t, head+"\n"+row+"\n", Options{})
			if tc.rejected != "" {
				if len(b.Rejected) != 1 || b.Rejected[0].Error() != tc.rejected {
					t.Fatalf("rejected %v; want %q", b.Rejected, tc.rejected)
				}
				return
			}
			if b.Used() != 1 {
				t.Fatalf("used %d, rejected %v", b.Used(), b.Rejected)
			}
			if p := b.Posts[0]; p.Pinned != tc.pinned || p.Sponsored != tc.sponsored {
				t.Errorf("pinned %v, sponsored %v; want %v, %v", p.Pinned, p.Sponsored, tc.pinned, tc.sponsored)
			}
		})
	}
}

func TestSavesAliases(t *testing.T) {
	for _, h := range []string{"Add to Favorites", "vid_nsave", "collectCount"} {
		t.Run(h, func(t *testing.T) {
			b := readString(t, "account,views,likes,comments,shares,"+h+"\nann,100,10,1,1,7\n", Options{})
			if b.Used() != 1 || b.Posts[0].Saves != 7 {
				t.Errorf("saves under %q: used %d, posts %+v", h, b.Used(), b.Posts)
			}
		})
	}
}

// TestApifyJSONFlags adds Apify's isPinned, isAd and isSponsored keys to a real exported
// object (the stored exports carry none of them) and reads them back.
func TestApifyJSONFlags(t *testing.T) {
	f, err := os.Open(real(t, "apify-nested.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	var objs []map[string]any
	for sc.Scan() && len(objs) < 4 {
		var o map[string]any
		if err := json.Unmarshal(sc.Bytes(), &o); err != nil {
			t.Fatal(err)
		}
		objs = append(objs, o)
	}
	flags := []struct{ pinned, ad, sponsored any }{{true, false, nil}, {false, true, nil}, {nil, false, true}, {nil, nil, nil}}
	for i, fl := range flags {
		for k, v := range map[string]any{"isPinned": fl.pinned, "isAd": fl.ad, "isSponsored": fl.sponsored} {
			if v != nil {
				objs[i][k] = v
			}
		}
	}
	data, err := json.Marshal(objs)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Read([]string{writeFile(t, "apify.json", data)}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if b.Used() != 4 {
		t.Fatalf("used %d, rejected %v", b.Used(), b.Rejected)
	}
	want := []struct{ pinned, sponsored bool }{{true, false}, {false, true}, {false, true}, {false, false}}
	for i, w := range want {
		if p := b.Posts[i]; p.Pinned != w.pinned || p.Sponsored != w.sponsored {
			t.Errorf("object %d: pinned %v, sponsored %v; want %v, %v", i, p.Pinned, p.Sponsored, w.pinned, w.sponsored)
		}
	}
}

func TestRowsKeptForTheRatesTheyServe(t *testing.T) {
	tests := []struct {
		name                          string
		row                           string
		views, likes, comments, share Count
		rejected                      string
	}{
		{"every count", "ann,100,10,1,2", 100, 10, 1, 2, ""},
		{"no views: kept for the follower ER", "ann,,10,1,2", Missing, 10, 1, 2, ""},
		{"no shares: kept for the follower ER", "ann,100,10,1,", 100, 10, 1, Missing, ""},
		{"views hidden as -1 and no shares: kept", "ann,-1,10,0,", Missing, 10, 0, Missing, ""},
		{"no likes: rejected", "ann,100,,1,2", 0, 0, 0, 0, "-:2: likes: no likes count (missing is not zero)"},
		{"no comments: rejected", "ann,100,10,,2", 0, 0, 0, 0, "-:2: comments: no comments count (missing is not zero)"},
		{"no views and no comments: the reason names both", "ann,,10,,2", 0, 0, 0, 0, "-:2: comments: no views or comments count (missing is not zero)"},
		{"no counts at all", "ann,,,,", 0, 0, 0, 0, "-:2: likes: no views, likes, comments or shares count (missing is not zero)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := readString(t, "account,views,likes,comments,shares\n"+tc.row+"\n", Options{})
			if tc.rejected != "" {
				if b.Used() != 0 || len(b.Rejected) != 1 || b.Rejected[0].Error() != tc.rejected {
					t.Fatalf("used %d, rejected %v; want %q", b.Used(), b.Rejected, tc.rejected)
				}
				return
			}
			if b.Used() != 1 {
				t.Fatalf("used %d, rejected %v", b.Used(), b.Rejected)
			}
			p := b.Posts[0]
			if p.Views != tc.views || p.Likes != tc.likes || p.Comments != tc.comments || p.Shares != tc.share {
				t.Errorf("counts %d %d %d %d; want %d %d %d %d", p.Views, p.Likes, p.Comments, p.Shares, tc.views, tc.likes, tc.comments, tc.share)
			}
		})
	}
}

func TestDuplicatesWithoutViews(t *testing.T) {
	tests := []struct {
		name      string
		first     string // views of the first copy, "" for Missing
		second    string
		wantViews Count
		wantLikes Count
	}{
		{"a known count beats Missing seen first", "", "500", 500, 20},
		{"a known count seen first beats a later Missing", "500", "", 500, 10},
		{"two Missing: the first copy stays", "", "", Missing, 10},
		{"more views win", "400", "500", 500, 20},
		{"a tie keeps the first", "500", "500", 500, 10},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := "account,video_id,views,likes,comments,shares\nann,7000000000000000001," + tc.first + ",10,1,1\nann,7000000000000000001," + tc.second + ",20,2,2\n"
			b := readString(t, body, Options{})
			if b.Used() != 1 || b.Duplicates != 1 {
				t.Fatalf("used %d, duplicates %d", b.Used(), b.Duplicates)
			}
			if p := b.Posts[0]; p.Views != tc.wantViews || p.Likes != tc.wantLikes {
				t.Errorf("kept views %d likes %d; want %d, %d", p.Views, p.Likes, tc.wantViews, tc.wantLikes)
			}
		})
	}
}

func TestParsePrice(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
		err  string
	}{
		{"", 0, false, ""},
		{"  ", 0, false, ""},
		{"1250", 1250, true, ""},
		{"0", 0, true, ""},
		{"1,250", 1250, true, ""},
		{"1.250", 1250, true, ""},
		{"1 250", 1250, true, ""},
		{"1,250,000", 1_250_000, true, ""},
		{"1.250.000", 1_250_000, true, ""},
		{"1.250,50", 1250.5, true, ""},
		{"1,250.50", 1250.5, true, ""},
		{"12.5", 12.5, true, ""},
		{"12,50", 12.5, true, ""},
		{"€1.250,50", 1250.5, true, ""},
		{"€ 300", 300, true, ""},
		{"$1,250.00", 1250, true, ""},
		{"£99.99", 99.99, true, ""},
		{"-5", 0, false, "is negative"},
		{"€", 0, false, "no amount"},
		{"abc", 0, false, "is not a price"},
		{"12,5,0", 0, false, "is not a price"},
		{"1,25,000", 0, false, "grouped by three"},
		{"1.250,50.3", 0, false, "is not a price"},
		{"12.", 0, false, "is not a price"},
		{".5", 0, false, "is not a price"},
		{"1e3", 0, false, "is not a price"},
		{"300 EUR", 0, false, "is not a price"},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, ok, err := ParsePrice(tc.in)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Errorf("ParsePrice(%q) = %v, %v, %v; want an error with %q", tc.in, got, ok, err, tc.err)
				}
				return
			}
			if err != nil || ok != tc.ok || got != tc.want {
				t.Errorf("ParsePrice(%q) = %v, %v, %v; want %v, %v", tc.in, got, ok, err, tc.want, tc.ok)
			}
		})
	}
}

func TestAccountsPrices(t *testing.T) {
	posts := "account,views,likes,comments,shares\nann,100,10,1,1\nbob,100,10,1,1\n"
	tests := []struct {
		name      string
		accounts  string
		followers map[string]Count
		prices    map[string]float64
		warning   string
	}{
		{"handle and price only", "handle,price\n@Ann,\"1,250\"\nbob,€300\n", nil, map[string]float64{"ann": 1250, "bob": 300}, ""},
		{"Dutch headers, followers and a fee", "gebruikersnaam;volgers;tarief\nann;12.000;1.250,50\nbob;5000;\n",
			map[string]Count{"ann": 12_000, "bob": 5000}, map[string]float64{"ann": 1250.5}, ""},
		{"fee, rate, cost and prijs are price columns too", "creator,fee\nann,10\n", nil, map[string]float64{"ann": 10}, ""},
		{"a bad price is a row not used, named with file, line, column and value", "handle,followers,cost\nann,1000,lots\nbob,2000,5\n",
			map[string]Count{"bob": 2000}, map[string]float64{"bob": 5}, `accounts.csv:2: cost: "lots" is not a price`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			acc := writeAccounts(t, tc.accounts)
			b := readString(t, posts, Options{Accounts: []string{acc}})
			if len(b.Followers) != len(tc.followers) || len(b.Prices) != len(tc.prices) {
				t.Fatalf("followers %v, prices %v; want %v, %v", b.Followers, b.Prices, tc.followers, tc.prices)
			}
			for k, v := range tc.followers {
				if b.Followers[k] != v {
					t.Errorf("followers[%s] = %d; want %d", k, b.Followers[k], v)
				}
			}
			for k, v := range tc.prices {
				if b.Prices[k] != v {
					t.Errorf("prices[%s] = %v; want %v", k, b.Prices[k], v)
				}
			}
			w := strings.Join(b.Warnings, "\n")
			if tc.warning != "" && !strings.HasPrefix(w, tc.warning) {
				t.Errorf("warnings %q; want %q", b.Warnings, tc.warning)
			}
			if tc.warning == "" && w != "" {
				t.Errorf("unexpected warnings %q", w)
			}
		})
	}
	t.Run("an accounts file with neither followers nor price names what it tried", func(t *testing.T) {
		_, err := Read([]string{"-"}, Options{Stdin: strings.NewReader(posts), Accounts: []string{writeAccounts(t, "handle,notes\nann,x\n")}})
		if err == nil || !strings.Contains(err.Error(), "no column for followers") || !strings.Contains(err.Error(), "tarief") {
			t.Errorf("err = %v", err)
		}
	})
}

func TestAccountsSheetPrices(t *testing.T) {
	x := excelize.NewFile()
	x.SetSheetName("Sheet1", "Posts")
	x.SetSheetRow("Posts", "A1", &[]any{"account", "views", "likes", "comments", "shares"})
	x.SetSheetRow("Posts", "A2", &[]any{"ann", 100, 10, 1, 1})
	x.NewSheet("Accounts")
	x.SetSheetRow("Accounts", "A1", &[]any{"handle", "Tarief"})
	x.SetSheetRow("Accounts", "A2", &[]any{"@Ann", "€ 450,00"})
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		t.Fatal(err)
	}
	b, err := Read([]string{writeFile(t, "book.xlsx", buf.Bytes())}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if b.Used() != 1 || b.Prices["ann"] != 450 || len(b.Followers) != 0 {
		t.Errorf("used %d, prices %v, followers %v", b.Used(), b.Prices, b.Followers)
	}
}

func TestLikesHidden(t *testing.T) {
	tests := []struct {
		name, header, cells string
		rejected            string
	}{
		{"likesHidden true: the 0 written for the likes is missing, and the row serves no rate", "likesHidden", "true",
			"-:2: likesHidden: the likes are hidden: no likes count (missing is not zero)"},
		{"likes_hidden false: the likes are read", "likes_hidden", "false", ""},
		{"likesHidden empty: the likes are read", "likesHidden", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := readString(t, "account,views,likes,comments,shares,"+tc.header+"\nann,100,0,1,1,"+tc.cells+"\n", Options{})
			if tc.rejected != "" {
				if b.Used() != 0 || len(b.Rejected) != 1 || b.Rejected[0].Error() != tc.rejected {
					t.Errorf("used %d, rejected %v; want %q", b.Used(), b.Rejected, tc.rejected)
				}
				return
			}
			if b.Used() != 1 || b.Posts[0].Likes != 0 {
				t.Errorf("used %d (%+v)", b.Used(), b.Posts)
			}
		})
	}
	t.Run("Apify JSON's likesHidden", func(t *testing.T) {
		js := `[{"authorMeta":{"name":"a"},"playCount":9,"diggCount":0,"commentCount":1,"shareCount":1,"likesHidden":true},` +
			`{"authorMeta":{"name":"b"},"playCount":9,"diggCount":0,"commentCount":1,"shareCount":1,"likesHidden":false}]`
		b, err := Read([]string{writeFile(t, "h.json", []byte(js))}, Options{})
		if err != nil || b.Used() != 1 || b.Texts.Of(b.Posts[0].Account) != "b" || len(b.Rejected) != 1 || b.Rejected[0].Column != "likesHidden" {
			t.Errorf("used %+v, rejected %v, err %v", b.Posts, b.Rejected, err)
		}
	})
}

func TestAccountsFileInAFolder(t *testing.T) {
	dir := t.TempDir()
	for name, text := range map[string]string{
		"posts.csv":  "account,views,likes,comments,shares\nann,100,10,1,1\nbob,100,10,1,1\n",
		"prices.csv": "handle,followers,price\n@Ann,1200,\"1,250\"\nbob,,300\n",
		"notes.csv":  "handle,notes\nann,nice\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := Read([]string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("a table of handles with followers and prices is read as an accounts file", func(t *testing.T) {
		if b.Prices["ann"] != 1250 || b.Prices["bob"] != 300 || b.Followers["ann"] != 1200 {
			t.Errorf("prices %v, followers %v", b.Prices, b.Followers)
		}
		if b.Used() != 2 || b.Read != 2 || !b.Reconciles() {
			t.Errorf("its rows count as posts: read %d, used %d", b.Read, b.Used())
		}
	})
	t.Run("a table with neither counts nor followers nor prices is still skipped with its reason", func(t *testing.T) {
		if len(b.Skipped) != 1 || !strings.HasSuffix(b.Skipped[0].Name, "notes.csv") {
			t.Errorf("skipped %+v", b.Skipped)
		}
	})
}

package config_test

import (
	"flag"
	"fmt"
	"os"

	"github.com/vet-tool/vet/internal/config"
)

// How `vet run` puts the file and its flags together: the file (or the defaults), then the
// flags the user gave, each checked as the file's value would be.
func Example() {
	f, err := config.Discover(os.TempDir()) // or config.Load(path) for --config
	if err != nil {
		fmt.Println("vet:", err)
		return
	}
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.Int("posts", 10, "window: the newest N posts")
	fs.String("basis", "followers", "followers|views")
	_ = fs.Parse([]string{"--posts", "20"})
	if err := f.SetFlags(fs); err != nil {
		fmt.Println("vet:", err)
		return
	}
	cfg := f.Scoring // scoring.Score(in, cfg)
	fmt.Println(cfg.WindowPosts, cfg.Basis)
	// Output: 20 followers
}

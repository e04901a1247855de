package config_test

import (
	"flag"
	"fmt"

	"github.com/vet-tool/vet/internal/config"
)

// How `vet run` puts the file and its flags together: the file (or the defaults), then the
// flags the user gave, each checked as the file's value would be.
func Example() {
	f := config.Default() // or config.Load(path) for --config, config.Discover(".") without it
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

package bench

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// Machine is what the figures were measured on; BENCHMARKS.md keeps it beside them.
type Machine struct {
	CPUs     int
	CPU      string // model name from /proc/cpuinfo
	RAM      int64  // bytes, MemTotal from /proc/meminfo
	Go       string
	OS       string
	Date     time.Time
	LoadFrom string // /proc/loadavg's 1/5/15-minute averages before the runs
	LoadTo   string // and after them
}

// ThisMachine describes the machine running the benchmark now.
func ThisMachine() Machine {
	m := Machine{CPUs: runtime.NumCPU(), Go: runtime.Version(), OS: runtime.GOOS + "/" + runtime.GOARCH,
		Date: time.Now().UTC(), LoadFrom: LoadAverage()}
	m.CPU = procField("/proc/cpuinfo", "model name")
	if kb, err := strconv.ParseInt(strings.Fields(procField("/proc/meminfo", "MemTotal") + " 0")[0], 10, 64); err == nil {
		m.RAM = kb * 1024
	}
	if m.CPU == "" {
		m.CPU = "unknown"
	}
	return m
}

// LoadAverage is the 1-, 5- and 15-minute load averages, "" where the system has none.
func LoadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

// procField is the value of the first "key : value" line of a /proc file.
func procField(path, key string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

func (m Machine) String() string {
	return fmt.Sprintf("%d × %s, %.1f GiB RAM, %s, %s, %s UTC", m.CPUs, m.CPU, float64(m.RAM)/(1<<30), m.Go, m.OS,
		m.Date.Format("2006-01-02 15:04"))
}

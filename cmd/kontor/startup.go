package main

import (
	"os"
	"strconv"
	"strings"
	"time"
)

// mainStarted is a fallback for sinceProcessStart: it misses only the
// runtime's start and package initialisation.
var mainStarted = time.Now()

// sinceProcessStart is the time since the process started. On Linux it is
// read from /proc (start time and uptime, in clock ticks of 1/100 s), so it
// includes loading the binary and initialising every package.
func sinceProcessStart() time.Duration {
	if d, ok := procElapsed(); ok {
		return d
	}
	return time.Since(mainStarted)
}

func procElapsed() (time.Duration, bool) {
	stat, err1 := os.ReadFile("/proc/self/stat")
	uptime, err2 := os.ReadFile("/proc/uptime")
	if err1 != nil || err2 != nil {
		return 0, false
	}
	// The command name (field 2) may contain spaces; fields count from after it.
	s := string(stat)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(fields) < 20 {
		return 0, false
	}
	startTicks, err := strconv.ParseInt(fields[19], 10, 64) // field 22: starttime
	up := strings.Fields(string(uptime))
	if err != nil || len(up) == 0 {
		return 0, false
	}
	upSeconds, err := strconv.ParseFloat(up[0], 64)
	if err != nil {
		return 0, false
	}
	const ticksPerSecond = 100 // USER_HZ, fixed for /proc on Linux
	d := time.Duration((upSeconds - float64(startTicks)/ticksPerSecond) * float64(time.Second))
	if d < 0 {
		return 0, false
	}
	return d, true
}

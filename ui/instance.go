package ui

import (
	"bufio"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// instance keeps RayFix to one window: the first start listens on a local
// socket in its data folder; a second start sends it its argument (a URL or
// nothing) and exits, and the first comes to the front.
type instance struct {
	ln net.Listener
}

// claimInstance returns (instance, false) when this process is the first,
// or (nil, true) when it handed arg to a running RayFix.
func claimInstance(dir, arg string, onMessage func(arg string)) (*instance, bool, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, false, err
	}
	path := filepath.Join(dir, "rayfix.sock")
	if c, err := net.DialTimeout("unix", path, time.Second); err == nil {
		defer c.Close()
		_ = c.SetDeadline(time.Now().Add(2 * time.Second))
		if _, err := c.Write([]byte(strings.ReplaceAll(arg, "\n", " ") + "\n")); err == nil {
			return nil, true, nil
		}
	}
	_ = os.Remove(path) // a stale socket of a RayFix that did not exit cleanly
	ln, err := net.Listen("unix", path)
	if err != nil {
		return nil, false, err
	}
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				if errors.Is(err, net.ErrClosed) {
					return
				}
				continue
			}
			_ = c.SetDeadline(time.Now().Add(2 * time.Second))
			line, _ := bufio.NewReader(c).ReadString('\n')
			_ = c.Close()
			onMessage(strings.TrimSpace(line))
		}
	}()
	return &instance{ln: ln}, false, nil
}

func (i *instance) close() {
	if i != nil {
		_ = i.ln.Close()
	}
}

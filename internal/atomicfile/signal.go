package atomicfile

import (
	"os"
	"os/signal"
	"sync"
	"syscall"
	"time"
)

// Temporary files that exist right now, removed on SIGINT or SIGTERM. The
// handler is installed while at least one exists, so that the process
// keeps the default behaviour of the signals otherwise.
var (
	tmpMu   sync.Mutex
	tmpLive = map[string]bool{}
	sigCh   chan os.Signal
)

// track records tmp as live; it returns false if it already is.
func track(tmp string) bool {
	tmpMu.Lock()
	defer tmpMu.Unlock()
	if tmpLive[tmp] {
		return false
	}
	tmpLive[tmp] = true
	if sigCh == nil {
		sigCh = make(chan os.Signal, 1)
		signal.Notify(sigCh, os.Interrupt, syscall.SIGTERM)
		go cleanOnSignal(sigCh)
	}
	return true
}

// untrack forgets tmp and removes the handler when no file is live.
func untrack(tmp string) {
	tmpMu.Lock()
	defer tmpMu.Unlock()
	delete(tmpLive, tmp)
	stopIfIdle()
}

// renameTracked renames tmp to dest and forgets tmp, under the lock that
// the signal handler takes, so that a signal either removes tmp before the
// rename or finds it renamed.
func renameTracked(tmp, dest string) error {
	tmpMu.Lock()
	defer tmpMu.Unlock()
	if err := os.Rename(tmp, dest); err != nil {
		return err
	}
	delete(tmpLive, tmp)
	stopIfIdle()
	return nil
}

func stopIfIdle() {
	if len(tmpLive) == 0 && sigCh != nil {
		signal.Stop(sigCh)
		close(sigCh)
		sigCh = nil
	}
}

// cleanOnSignal removes the live temporary files when a signal arrives and
// then dies of the same signal with its default action.
func cleanOnSignal(ch chan os.Signal) {
	sig, ok := <-ch
	if !ok {
		return
	}
	tmpMu.Lock() // held until the process dies: no rename after this
	for tmp := range tmpLive {
		os.Remove(tmp)
	}
	signal.Reset(sig)
	if p, err := os.FindProcess(os.Getpid()); err == nil && p.Signal(sig) == nil {
		time.Sleep(time.Second) // the signal is delivered asynchronously
	}
	code := 130 // 128 + SIGINT, the shell's convention, where the kill failed
	if s, ok := sig.(syscall.Signal); ok {
		code = 128 + int(s)
	}
	os.Exit(code)
}

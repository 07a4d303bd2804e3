//go:build windows

package localnet

import (
	"unsafe"

	"golang.org/x/sys/windows"
)

// adapterDescriptions maps each network adapter's friendly name (what
// net.Interfaces calls it) to its driver's description.
func adapterDescriptions() map[string]string {
	size := uint32(16 << 10)
	for try := 0; try < 3; try++ {
		buf := make([]byte, size)
		first := (*windows.IpAdapterAddresses)(unsafe.Pointer(&buf[0]))
		err := windows.GetAdaptersAddresses(windows.AF_UNSPEC, 0, 0, first, &size)
		if err == windows.ERROR_BUFFER_OVERFLOW {
			continue // size now holds what is needed
		}
		if err != nil {
			return nil
		}
		m := map[string]string{}
		for a := first; a != nil; a = a.Next {
			m[windows.UTF16PtrToString(a.FriendlyName)] = windows.UTF16PtrToString(a.Description)
		}
		return m
	}
	return nil
}

# RayFix — install from the Linux package (made by `make package`).
#   sudo make install        everyone, into PREFIX (default /usr/local)
#   make user-install        only you, into ~/.local (no sudo)
#   sudo make uninstall / make user-uninstall
# PREFIX and DESTDIR are honoured as usual (packagers set DESTDIR).

PREFIX ?= /usr/local
APPID  := io.rayfix.app
SIZES  := 16 24 32 48 64 128 256 512
SRC    := usr/local

default:
	@echo 'Run "sudo make install" (everyone) or "make user-install" (only you, no sudo).'

install:
	install -Dm755 $(SRC)/bin/rayfix $(DESTDIR)$(PREFIX)/bin/rayfix
	install -Dm644 $(SRC)/share/applications/$(APPID).desktop $(DESTDIR)$(PREFIX)/share/applications/$(APPID).desktop
	install -Dm644 $(SRC)/share/metainfo/$(APPID).metainfo.xml $(DESTDIR)$(PREFIX)/share/metainfo/$(APPID).metainfo.xml
	install -Dm644 $(SRC)/share/pixmaps/$(APPID).png $(DESTDIR)$(PREFIX)/share/pixmaps/$(APPID).png
	install -Dm644 $(SRC)/share/icons/hicolor/scalable/apps/$(APPID).svg $(DESTDIR)$(PREFIX)/share/icons/hicolor/scalable/apps/$(APPID).svg
	for s in $(SIZES); do install -Dm644 $(SRC)/share/icons/hicolor/$${s}x$${s}/apps/$(APPID).png $(DESTDIR)$(PREFIX)/share/icons/hicolor/$${s}x$${s}/apps/$(APPID).png; done
	@# Packagers (DESTDIR set) refresh the icon cache in their own hooks.
	@[ -n "$(DESTDIR)" ] || gtk-update-icon-cache -q -t $(PREFIX)/share/icons/hicolor 2>/dev/null || true

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/rayfix $(DESTDIR)$(PREFIX)/share/applications/$(APPID).desktop \
		$(DESTDIR)$(PREFIX)/share/metainfo/$(APPID).metainfo.xml $(DESTDIR)$(PREFIX)/share/pixmaps/$(APPID).png \
		$(DESTDIR)$(PREFIX)/share/icons/hicolor/scalable/apps/$(APPID).svg
	for s in $(SIZES); do rm -f $(DESTDIR)$(PREFIX)/share/icons/hicolor/$${s}x$${s}/apps/$(APPID).png; done

# The menu entry names the binary by its full path: ~/.local/bin is not on
# every desktop session's PATH.
user-install:
	$(MAKE) install PREFIX=$(HOME)/.local DESTDIR=
	sed -i -e "s,^Exec=rayfix,Exec=$(HOME)/.local/bin/rayfix," $(HOME)/.local/share/applications/$(APPID).desktop

user-uninstall:
	$(MAKE) uninstall PREFIX=$(HOME)/.local DESTDIR=

.PHONY: default install uninstall user-install user-uninstall

package app

// Version is RayFix's version, shown by About and `rayfix --version`. It is
// also written in FyneApp.toml and the AppStream file; a test keeps the
// three in step.
const Version = "0.1.0"

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension StoreLocation {
    /// The widest permission bits a file made from this store may have (a copy, an export, its
    /// history): the store file's own less the umask, as `cp` gives a copy, so that a store made
    /// private (`chmod 600`, or made under `umask 077`) stays private in every file made from it
    /// (its backup and its HTML page were world-readable). Nil for a store on PostgreSQL, which
    /// has no file mode (its files get what any new file gets), or a file no longer there.
    public var permissionsForFilesMadeFromIt: mode_t? {
        guard case .file(let path) = self, let permissions = FileSystem.permissions(of: path) else { return nil }
        return permissions & ~FileSystem.currentUmask
    }
}

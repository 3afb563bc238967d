#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension StoreLocation {
    /// The widest permission bits a file made from this store may have (a copy, an export, its
    /// history): read and write for its owner, as any new file gets them under the umask, and for
    /// the group and others no more than the store file gives them, less the umask, as `cp` gives
    /// a copy: so a store made private (`chmod 600`, or made under `umask 077`) stays private in
    /// every file made from it (its backup and its HTML page were world-readable). The store's
    /// own write bits are not taken: a store made read-only to protect it (`chmod 444`, an
    /// archived case) is no reason to write-protect what is made from it. Never an execute bit: a
    /// store is no program. Nil for a store on PostgreSQL, which has no file mode (its files get
    /// what any new file gets), or a file no longer there.
    public var permissionsForFilesMadeFromIt: mode_t? {
        guard let permissions = filePermissions else { return nil }
        return (permissions | S_IRUSR | S_IWUSR) & 0o666 & ~FileSystem.currentUmask
    }

    /// The store file's own permission bits; nil on PostgreSQL or for a file no longer there.
    public var filePermissions: mode_t? {
        guard case .file(let path) = self else { return nil }
        return FileSystem.permissions(of: path)
    }
}

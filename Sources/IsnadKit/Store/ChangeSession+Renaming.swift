/// Giving a record another id (`isnad rename`): the record and every record that names it are
/// written anew in this change, so that one history entry holds the whole rename and an undo
/// puts every one back.
extension ChangeSession {
    /// What ``rename(_:from:to:)`` wrote besides the record itself.
    public struct Renamed: Sendable, Equatable {
        /// Claims whose subject, object, or a citation's source or `via` named the old id,
        /// retracted ones included.
        public var claims = 0
        /// Of those, the claims whose id was derived from what they say (`c-…`, made by `add`,
        /// a sheet, or a record without an id): a hash of the old id, so given the id derived
        /// anew.
        public var claimsGivenDerivedIDs = 0
        /// Sources whose `cites` named the old id.
        public var sources = 0
        /// The ids of the claims that name the record and keep an id that holds the old id as
        /// written (`hamas-praised-attack`), in id order: an analyst's choice, not changed.
        public var claimIDsHoldingOldID: [String] = []
        /// The ids merged into a renamed entity, which name it still.
        public var mergedIDs: [String] = []
    }

    /// Gives the record of `kind` with id `old` the id `new`: every claim that names it (as an
    /// end, or as a citation's source or `via`, retracted or not) and every source that cites it
    /// names `new` instead. The old id names nothing after, not even as an entity merged into
    /// another: a source's id given as a pseudonym must not lead back to it. A claim whose id was
    /// derived from its ends' ids takes the id derived anew (the old one is a hash of the old id,
    /// which a list of names can be tried against); any other claim keeps its id.
    public func rename(_ kind: Record.Kind, from old: String, to new: String) throws -> Renamed {
        guard let record = try record(kind, id: old) else { throw RenameError.missing(kind, old) }
        if let problem = Identifier.problem(with: new) { throw RenameError.invalidID(problem) }
        guard new != old else { throw RenameError.sameID(kind, old) }
        if try self.record(kind, id: new) != nil { throw RenameError.taken(kind, new) }
        // An id a rename took away stays away, as import and add keep it: a file written before
        // that rename would be taken for this other record. Renaming back is no reuse.
        if let away = try store.renameThatTookAway(kind, new), away.current != old {
            throw RenameError.takenAway(away)
        }
        if kind == .entity, let kept = try store.entityMergedInto(new) { throw RenameError.mergedID(new, into: kept) }
        // A claim id of the derived form names the relationship it is derived from: another
        // relationship's would be taken for it by every import and add of that one.
        if case .claim(let claim) = record, Claim.derivedBase(of: new) != nil,
            Claim.derivedBase(of: new) != Claim.derivedID(claim)
        {
            throw RenameError.derivedFormOfAnother(new)
        }
        var renamed = Renamed()
        let claims: [String]
        switch kind {
        case .entity: claims = try store.claimIDs(of: old)
        case .source: claims = try store.claimIDs(naming: old)
        case .claim: claims = []
        }
        let citing = kind == .source ? try store.sourcesCiting(old) : []
        // Removed first: an entity's merged ids are keyed by the id they name, and go with it.
        try remove(kind, id: old)
        switch record {
        case .entity(var entity):
            entity.id = new
            try put(.entity(entity))
        case .source(var source):
            source.id = new
            try put(.source(source))
        case .claim(var claim):
            claim.id = new
            try put(.claim(claim))
        }
        if case .entity(let entity) = record { renamed.mergedIDs = entity.merged }
        // The ids derived anew so far: a claim that says the same as one given its id already (a
        // twin under `-2`, imported so) takes the next free one rather than overwriting it.
        var given: Set<String> = []
        for id in claims {
            guard case .claim(var claim)? = try self.record(.claim, id: id) else { continue }
            renamed.claims += 1
            if kind == .entity {
                let wasDerived = Claim.derivedBase(of: claim.id) == Claim.derivedID(claim)
                if claim.subject == old { claim.subject = new }
                if claim.object == old { claim.object = new }
                if wasDerived {
                    try remove(.claim, id: claim.id)
                    claim.id = Claim.derivedID(claim)
                    claim.id = try claimID(forDerived: claim, besides: given)
                    given.insert(claim.id)
                    renamed.claimsGivenDerivedIDs += 1
                }
            } else {
                for index in claim.citations.indices {
                    if claim.citations[index].source == old { claim.citations[index].source = new }
                    if claim.citations[index].via == old { claim.citations[index].via = new }
                }
            }
            if claim.id.contains(old) { renamed.claimIDsHoldingOldID.append(claim.id) }
            try put(.claim(claim))
        }
        for id in citing {
            guard case .source(var source)? = try self.record(.source, id: id) else { continue }
            source.cites = source.cites.map { $0 == old ? new : $0 }
            try put(.source(source))
            renamed.sources += 1
        }
        return renamed
    }
}

/// Why a record could not be given another id.
public enum RenameError: Error, Equatable, CustomStringConvertible {
    case missing(Record.Kind, String)
    case invalidID(String)
    case sameID(Record.Kind, String)
    case taken(Record.Kind, String)
    case mergedID(String, into: String)
    case derivedFormOfAnother(String)
    case takenAway(GraphStore.RenamedID)

    public var description: String {
        switch self {
        case .missing(let kind, let id): "no \(kind.rawValue) \"\(Text.printable(id))\""
        case .invalidID(let problem): "NEW: \(problem)"
        case .sameID(let kind, let id): "\(kind.rawValue) \"\(Text.printable(id))\" has that id already"
        case .taken(let kind, let id):
            "another \(kind.rawValue) has the id \"\(Text.printable(id))\": ids are unique within a kind"
        case .takenAway(let renamed):
            "NEW: \(renamed.sentence), and a file written before would be taken for this record: choose another id"
        case .derivedFormOfAnother(let id):
            "NEW: \"\(Text.printable(id))\" has the form of an id derived from what a claim says, and is not this claim's: choose an id of another form"
        case .mergedID(let id, let kept):
            "\"\(Text.printable(id))\" is the id of an entity merged into \(kept), and names it still: choose another id (isnad unmerge \(Text.printable(id)) takes the merge apart)"
        }
    }
}

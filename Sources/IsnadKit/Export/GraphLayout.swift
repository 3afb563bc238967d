import Foundation

/// Where each entity of a picture stands: the centre and size of its box, in points (1/72 inch),
/// y growing downwards, the whole within `width` × `height`.
///
/// Computed once, at export time, by Graphviz's `dot` (https://graphviz.org/docs/layouts/dot/)
/// when it is installed, or by ``own(_:links:)``, a force-directed layout of Isnad's own. Both
/// are deterministic: the same graph gives the same numbers, written with one decimal.
public struct GraphLayout: Sendable, Equatable {
    /// One entity's box.
    public struct Box: Sendable, Equatable {
        public var x: Double
        public var y: Double
        public var width: Double
        public var height: Double
    }

    /// An entity to place: its id, its type (for its shape) and its label's lines (for its size).
    public struct Node: Sendable {
        public let id: String
        public let type: EntityType
        public let lines: [String]

        public init(id: String, type: EntityType, lines: [String]) {
            self.id = id
            self.type = type
            self.lines = lines
        }
    }

    /// Which program placed the entities: `graphviz` or `isnad`.
    public let engine: String
    public let boxes: [String: Box]
    public let width: Double
    public let height: Double

    /// Lays out with Graphviz's `dot` at `program`: our entities with their shapes and labels,
    /// one edge per linked pair, read back from `dot -Tjson`. With `seconds`, a `dot` still
    /// working after them is ended, and the layout fails.
    public static func graphviz(_ nodes: [Node], links: [(String, String)], program: String, seconds: Int? = nil) throws
        -> GraphLayout
    {
        let font = DOTEscaping.quoted(DOTWriter.fontName)
        var dot = "digraph \"layout\" {\n  graph [rankdir=\"LR\", nodesep=0.3, ranksep=1.1, ratio=0.62];\n"
        dot += "  node [fontname=\(font), fontsize=11, margin=\"0.12,0.06\"];\n"
        for node in nodes {
            // The label only sizes the node: a control in it is a space, since Graphviz gives
            // a reference to one (&#127;) back as bytes that are not UTF-8, and its JSON is refused.
            let label = String(
                String.UnicodeScalarView(
                    node.lines.joined(separator: "\n").unicodeScalars.map {
                        $0 != "\n" && Text.needsEscapeForTerminal($0) ? " " : $0
                    }))
            dot += "  \(DOTEscaping.quoted(node.id)) [label=\(DOTEscaping.quoted(label))"
            dot += ", shape=\(shape(of: node.type))];\n"
        }
        for (tail, head) in links { dot += "  \(DOTEscaping.quoted(tail)) -> \(DOTEscaping.quoted(head));\n" }
        dot += "}\n"
        let output = try run(program, ["-Tjson"], input: Data(dot.utf8), seconds: seconds)
        let json: JSONValue
        do {
            json = try output.withUnsafeBytes { raw in try JSONParser.parse(raw.bindMemory(to: UInt8.self)) }
        } catch {
            throw LayoutError(message: "\(program) -Tjson gave what is not JSON (\(error))")
        }
        guard case .object(let graph) = json, case .string(let bb)? = graph["bb"],
            case .array(let objects)? = graph["objects"]
        else { throw LayoutError(message: "dot -Tjson gave no bounding box or objects") }
        let corners = numbers(bb)
        guard corners.count == 4 else { throw LayoutError(message: "dot -Tjson gave a bounding box \"\(bb)\"") }
        let height = corners[3]
        var boxes: [String: Box] = [:]
        for case .object(let object) in objects {
            guard case .string(let name)? = object["name"], case .string(let pos)? = object["pos"],
                case .string(let width)? = object["width"], case .string(let boxHeight)? = object["height"]
            else { continue }
            let point = numbers(pos)
            guard point.count == 2, let inchesWide = Double(width), let inchesHigh = Double(boxHeight) else { continue }
            boxes[name] = Box(
                x: rounded(point[0]), y: rounded(height - point[1]), width: rounded(inchesWide * 72),
                height: rounded(inchesHigh * 72))
        }
        return GraphLayout(engine: "graphviz", boxes: boxes, width: rounded(corners[2]), height: rounded(height))
    }

    /// A force-directed layout (Fruchterman and Reingold, 1991) of each connected component on its
    /// own, from fixed starting places (a circle in id order) for a fixed number of rounds, then
    /// overlapping boxes pushed apart; the components are then packed by size, the largest first
    /// with the others in rows beside and under it, and entities no claim links in rows under all
    /// of them. No randomness, so the same graph always gets the same picture.
    public static func own(_ nodes: [Node], links: [(String, String)]) -> GraphLayout {
        let count = nodes.count
        let index = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1.id, $0) })
        let sizes = nodes.map { node -> (Double, Double) in
            let longest = node.lines.map(\.count).max() ?? 1
            return (Double(longest) * 6.6 + 24, Double(node.lines.count) * 15 + 14)
        }
        // One pull a pair, however many claims link it: a pair of a hundred claims pulled a hundred
        // times as hard collapsed a hub's neighbours onto it.
        var pairs = Set<Int>()
        let edges = links.compactMap { link -> (Int, Int)? in
            guard let a = index[link.0], let b = index[link.1], a != b, pairs.insert(min(a, b) * count + max(a, b)).inserted
            else {
                return nil
            }
            return (a, b)
        }
        var x = [Double](repeating: 0, count: count)
        var y = [Double](repeating: 0, count: count)
        // Laid out together, the components pushed one another away: the pairs and triples spread
        // in a ring around the largest, and fitting the ring to the window left the largest about
        // a fiftieth of it (842 of 910 entities in 130 pixels).
        let components = connectedComponents(count: count, edges: edges)
        var placed: [(members: [Int], width: Double, height: Double)] = []
        for members in components {
            spring(members, edges: edges, x: &x, y: &y)
            separate(members, sizes: sizes, x: &x, y: &y)
            // Each component moved so that its boxes start at (0, 0).
            let left = members.map { x[$0] - sizes[$0].0 / 2 }.min() ?? 0
            let top = members.map { y[$0] - sizes[$0].1 / 2 }.min() ?? 0
            for i in members { (x[i], y[i]) = (x[i] - left, y[i] - top) }
            let right = members.map { x[$0] + sizes[$0].0 / 2 }.max() ?? 0
            let bottom = members.map { y[$0] + sizes[$0].1 / 2 }.max() ?? 0
            placed.append((members, right, bottom))
        }
        // The largest at the top left; the others, largest first, in rows in a band to its right
        // as high as it is, then in rows under both. The band is as wide as it needs to hold them
        // all beside the largest, but no wider than makes the whole about as wide as a window
        // (16:10) would have it: past that, the rest go under.
        let spacing = 40.0
        var linkedRight = 0.0
        var linkedBottom = 0.0
        if let main = placed.first {
            let rest = placed.dropFirst()
            let area = rest.reduce(0.0) { $0 + ($1.width + spacing) * ($1.height + spacing) }
            let widest = rest.map(\.width).max() ?? 0
            let whole = sqrt(1.6 * (main.width * main.height + area))
            let band = max(widest, min(area / max(main.height, 1) * 1.2, whole - main.width - spacing))
            let right = main.width + spacing + band
            var left = main.width + spacing
            var (cursor, rowTop, rowHeight) = (left, 0.0, 0.0)
            (linkedRight, linkedBottom) = (main.width, main.height)
            for component in rest {
                if cursor + component.width > right, cursor > left {
                    (cursor, rowTop, rowHeight) = (left, rowTop + rowHeight + spacing, 0)
                }
                // A row that would go past the largest's foot starts under it, and so do the rows
                // after it, across the largest and the band.
                if cursor == left, left > 0, rowTop > 0, rowTop + component.height > main.height {
                    left = 0
                    (cursor, rowTop) = (0, max(rowTop, main.height + spacing))
                }
                for i in component.members { (x[i], y[i]) = (x[i] + cursor, y[i] + rowTop) }
                cursor += component.width + spacing
                rowHeight = max(rowHeight, component.height)
                linkedRight = max(linkedRight, cursor - spacing)
                linkedBottom = max(linkedBottom, rowTop + component.height)
            }
        }
        // Entities no claim links are in no component: among the forces they were pushed away by
        // all the others and pulled by none, and a few of them far out made the whole graph fit in
        // a corner of the window. They go in rows under the linked ones, in id order with numbers read as numbers
        // (u2 before u10).
        var isLinked = [Bool](repeating: false, count: count)
        for (a, b) in edges { (isLinked[a], isLinked[b]) = (true, true) }
        let unlinked = (0..<count).filter { !isLinked[$0] }.sorted {
            GraphLayout.precedesNumerically(nodes[$0].id, nodes[$1].id)
        }
        if !unlinked.isEmpty {
            // Rows about as wide as the block of them is high, and at least as wide as the graph.
            let unlinkedWidth = unlinked.reduce(0.0) { $0 + sizes[$1].0 + 12 }
            let right = max(linkedRight, max(600, sqrt(unlinkedWidth * 40)))
            var rowTop = placed.isEmpty ? 0 : linkedBottom + 60
            var cursor = 0.0
            var rowHeight = 0.0
            for i in unlinked {
                if cursor + sizes[i].0 > right, cursor > 0 {
                    rowTop += rowHeight + 12
                    (cursor, rowHeight) = (0, 0)
                }
                x[i] = cursor + sizes[i].0 / 2
                y[i] = rowTop + sizes[i].1 / 2
                cursor += sizes[i].0 + 12
                rowHeight = max(rowHeight, sizes[i].1)
            }
        }
        let margin = 20.0
        let left = (0..<count).map { x[$0] - sizes[$0].0 / 2 }.min() ?? 0
        let top = (0..<count).map { y[$0] - sizes[$0].1 / 2 }.min() ?? 0
        var boxes: [String: Box] = [:]
        var width = 0.0
        var height = 0.0
        for (i, node) in nodes.enumerated() {
            let box = Box(
                x: rounded(x[i] - left + margin), y: rounded(y[i] - top + margin), width: rounded(sizes[i].0),
                height: rounded(sizes[i].1))
            width = max(width, box.x + box.width / 2 + margin)
            height = max(height, box.y + box.height / 2 + margin)
            boxes[node.id] = box
        }
        return GraphLayout(engine: "isnad", boxes: boxes, width: rounded(width), height: rounded(height))
    }

    /// The connected components of the linked entities, each in the entities' order, the largest
    /// first and, of the same size, the one with the earliest entity.
    static func connectedComponents(count: Int, edges: [(Int, Int)]) -> [[Int]] {
        var neighbours = [[Int]](repeating: [], count: count)
        for (a, b) in edges {
            neighbours[a].append(b)
            neighbours[b].append(a)
        }
        var component = [Int](repeating: -1, count: count)
        var members: [[Int]] = []
        for start in 0..<count where component[start] < 0 && !neighbours[start].isEmpty {
            component[start] = members.count
            var queue = [start]
            var next = 0
            while next < queue.count {
                for other in neighbours[queue[next]] where component[other] < 0 {
                    component[other] = members.count
                    queue.append(other)
                }
                next += 1
            }
            members.append(queue.sorted())
        }
        return members.enumerated().sorted { ($0.element.count, $1.offset) > ($1.element.count, $0.offset) }.map(\.element)
    }

    /// Fruchterman and Reingold's forces among `members` and along their `edges`, from a circle in
    /// their order, for a number of rounds that shrinks as the component grows: each round costs
    /// the square of its size.
    private static func spring(_ members: [Int], edges: [(Int, Int)], x: inout [Double], y: inout [Double]) {
        let count = members.count
        let local = Dictionary(uniqueKeysWithValues: members.enumerated().map { ($1, $0) })
        let links = edges.compactMap { edge in local[edge.0].flatMap { a in local[edge.1].map { (a, $0) } } }
        let ideal = 170.0
        var px = (0..<count).map { cos(Double($0) * 2 * .pi / Double(count)) * ideal * sqrt(Double(count)) }
        var py = (0..<count).map { sin(Double($0) * 2 * .pi / Double(count)) * ideal * sqrt(Double(count)) }
        let rounds = max(40, min(300, 20_000_000 / max(count * count, 1)))
        var temperature = ideal * sqrt(Double(count)) / 4
        // Cooled to a step of a point by the last round: with the few rounds a large component
        // gets, cooling at 3 % a round still moved its entities hundreds of points when it stopped.
        let cooling = min(0.97, pow(1 / temperature, 1 / Double(rounds)))
        for _ in 0..<rounds {
            var dx = [Double](repeating: 0, count: count)
            var dy = [Double](repeating: 0, count: count)
            for i in 0..<count {
                for j in (i + 1)..<max(count, i + 1) {
                    let ex = px[i] - px[j]
                    let ey = py[i] - py[j]
                    let distance = max(sqrt(ex * ex + ey * ey), 1)
                    let force = ideal * ideal / distance
                    dx[i] += ex / distance * force
                    dy[i] += ey / distance * force
                    dx[j] -= ex / distance * force
                    dy[j] -= ey / distance * force
                }
            }
            for (a, b) in links {
                let ex = px[a] - px[b]
                let ey = py[a] - py[b]
                let distance = max(sqrt(ex * ex + ey * ey), 1)
                let force = distance * distance / ideal
                dx[a] -= ex / distance * force
                dy[a] -= ey / distance * force
                dx[b] += ex / distance * force
                dy[b] += ey / distance * force
            }
            // A weak pull to the centre keeps the component round rather than strung out.
            for i in 0..<count {
                dx[i] -= px[i] * 0.02
                dy[i] -= py[i] * 0.02
                let length = max(sqrt(dx[i] * dx[i] + dy[i] * dy[i]), 0.001)
                px[i] += dx[i] / length * min(length, temperature)
                py[i] += dy[i] / length * min(length, temperature)
            }
            temperature = max(temperature * cooling, 1)
        }
        for (i, member) in members.enumerated() { (x[member], y[member]) = (px[i], py[i]) }
    }

    /// Boxes of `members` that still overlap pushed apart, along the axis where they overlap least.
    private static func separate(
        _ members: [Int], sizes: [(Double, Double)], x: inout [Double], y: inout [Double]
    ) {
        let gap = 12.0
        for _ in 0..<30 {
            var moved = false
            for (k, i) in members.enumerated() {
                for j in members[(k + 1)...] {
                    let overlapX = (sizes[i].0 + sizes[j].0) / 2 + gap - abs(x[i] - x[j])
                    let overlapY = (sizes[i].1 + sizes[j].1) / 2 + gap - abs(y[i] - y[j])
                    guard overlapX > 0, overlapY > 0 else { continue }
                    moved = true
                    if overlapX < overlapY {
                        let push = (x[i] < x[j] ? -overlapX : overlapX) / 2
                        x[i] += push
                        x[j] -= push
                    } else {
                        let push = (y[i] < y[j] ? -overlapY : overlapY) / 2
                        y[i] += push
                        y[j] -= push
                    }
                }
            }
            if !moved { break }
        }
    }

    /// The DOT shape of an entity type, as ``DOTWriter`` draws it.
    static func shape(of type: EntityType) -> String {
        switch type {
        case .organization: "box"
        case .person: "ellipse"
        case .event: "octagon"
        case .place: "house"
        }
    }

    private static func rounded(_ value: Double) -> Double { (value * 10).rounded() / 10 }

    private static func numbers(_ text: String) -> [Double] {
        text.split(whereSeparator: { $0 == "," || $0 == " " }).compactMap { Double($0) }
    }

    /// Whether `a` comes before `b` with each run of ASCII digits compared as a number: u2 before
    /// u10, person-9 before person-10; ties (u01, u1) by the text itself.
    static func precedesNumerically(_ a: String, _ b: String) -> Bool {
        var (left, right) = (Array(a.utf8)[...], Array(b.utf8)[...])
        func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
        while let x = left.first, let y = right.first {
            if isDigit(x), isDigit(y) {
                let leftDigits = left.prefix(while: isDigit)
                let rightDigits = right.prefix(while: isDigit)
                let (leftNumber, rightNumber) = (leftDigits.drop { $0 == 0x30 }, rightDigits.drop { $0 == 0x30 })
                if leftNumber.count != rightNumber.count { return leftNumber.count < rightNumber.count }
                if !leftNumber.elementsEqual(rightNumber) { return leftNumber.lexicographicallyPrecedes(rightNumber) }
                left = left.dropFirst(leftDigits.count)
                right = right.dropFirst(rightDigits.count)
            } else if x != y {
                return x < y
            } else {
                (left, right) = (left.dropFirst(), right.dropFirst())
            }
        }
        if left.isEmpty != right.isEmpty { return left.isEmpty }
        return a < b
    }

    /// Runs a program with `input` on standard input and returns its standard output; fails
    /// when it exits with a status other than 0.
    ///
    /// Its three streams are anonymous files, not pipes: nothing has to read one while the
    /// other is written, so no thread is started (Foundation's `Process` waits for one, for ever
    /// where none can be made: a container's process limit), and a program that stops reading
    /// its input early raises no SIGPIPE.
    private static func run(_ program: String, _ arguments: [String], input: Data, seconds: Int? = nil) throws -> Data {
        func failure(_ what: String, _ code: Int32 = errno) -> LayoutError {
            LayoutError(message: "\(what): \(String(cString: strerror(code)))")
        }
        var files: [Int32] = []
        defer { for file in files { close(file) } }
        for _ in 0..<3 {
            guard let file = anonymousFile() else { throw failure("cannot make a temporary file for \(program)") }
            files.append(file)
        }
        let (standardInput, standardOutput, standardError) = (files[0], files[1], files[2])
        try input.withUnsafeBytes { bytes in
            var written = 0
            while written < bytes.count {
                let count = write(standardInput, bytes.baseAddress! + written, bytes.count - written)
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { throw failure("cannot write the input of \(program)") }
                written += count
            }
        }
        lseek(standardInput, 0, SEEK_SET)
        // SIGPIPE and SIGXFSZ, which isnad ignores, have their defaults; a signal isnad was
        // started ignoring (Ctrl-C, in a script's background job) stays ignored, as it does for isnad.
        let process: pid_t
        do {
            process = try ChildProcess.spawn(
                program, [program] + arguments, defaultSignals: [SIGPIPE, SIGXFSZ],
                streams: [standardInput, standardOutput, standardError])
        } catch {
            throw failure("cannot start \(program)", error.code)
        }
        var status: Int32 = 0
        if let seconds {
            // Looked at every few milliseconds, without a thread or a signal of isnad's own.
            // The whole instant, not its second alone: whole seconds gave dot anywhere from
            // seconds - 1 to seconds, and the message said it had had all of them.
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(seconds)
            var pause: UInt32 = 1_000
            while true {
                let ended = waitpid(process, &status, WNOHANG)
                if ended == process { break }
                guard ended == 0 || errno == EINTR else { throw failure("lost \(program)") }
                if clock.now >= deadline {
                    kill(process, SIGKILL)
                    while waitpid(process, &status, 0) < 0, errno == EINTR {}
                    throw LayoutError(message: "\(program) was still working after \(seconds) s", isOverTime: true)
                }
                usleep(pause)
                pause = min(pause * 2, 50_000)
            }
        } else {
            guard let ended = ChildProcess.wait(for: process) else { throw failure("lost \(program)") }
            status = ended
        }
        func contents(of file: Int32, atMost limit: Int = .max) -> Data {
            lseek(file, 0, SEEK_SET)
            var data = Data()
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while data.count < limit {
                let count = buffer.withUnsafeMutableBytes { read(file, $0.baseAddress, min($0.count, limit - data.count)) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                data.append(contentsOf: buffer[..<count])
            }
            return data
        }
        let ending = ChildProcess.Ending(status: status)
        guard ending == .exited(0) else {
            // One line, as every message is, and a short one: the start of what it said.
            let said = contents(of: standardError, atMost: 4096)
            var message = String(decoding: said, as: UTF8.self).split(whereSeparator: \.isNewline)
                .map { $0.trimmingWhitespace }.filter { !$0.isEmpty }.joined(separator: " ")
            if message.count > 300 || said.count == 4096 { message = String(message.prefix(300)) + " …" }
            // Ended by Ctrl-C or a shutdown: the export is being stopped, not Graphviz failing.
            let isInterruption = ending.signal.map { [SIGINT, SIGTERM, SIGHUP, SIGQUIT].contains($0) } ?? false
            throw LayoutError(
                message: "\(program) \(ending)" + (message.isEmpty ? "" : ": \(message)"), isInterruption: isInterruption)
        }
        return contents(of: standardOutput)
    }

    /// A new file with no name, closed on exec: made and unlinked at once in the first folder
    /// that takes it, of the temporary folder (`TMPDIR`), `/dev/shm`, `/tmp` and `/var/tmp` (a
    /// read-only `/tmp` leaves Graphviz the others). Nil when none does.
    private static func anonymousFile() -> Int32? {
        var folders: [String] = []
        for folder in [FileManager.default.temporaryDirectory.path, "/dev/shm", "/tmp", "/var/tmp"]
        where !folders.contains(folder) {
            folders.append(folder)
        }
        for folder in folders {
            var template = Array((folder + "/isnad-graphviz-XXXXXX").utf8CString)
            let file = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            guard file >= 0 else { continue }
            template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
            _ = fcntl(file, F_SETFD, FD_CLOEXEC)
            return file
        }
        return nil
    }

    /// The program on `PATH` named `name`, if any (`dot`).
    public static func program(named name: String) -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// Graphviz failed to lay out a graph.
public struct LayoutError: Error, CustomStringConvertible {
    public let message: String
    /// Whether Graphviz was ended by Ctrl-C or a shutdown (SIGINT, SIGTERM, SIGHUP, SIGQUIT):
    /// the command is being stopped, so nothing else is tried in its place.
    public var isInterruption = false
    /// Whether Graphviz was ended for taking longer than it was given.
    public var isOverTime = false
    public var description: String { "layout failed: \(message)" }
}

/// Functional pruning for the L2 segmentation (the idea of FPOP, Maidstone et al. 2017): which
/// starts can still begin the last segment of a least-cost segmentation, found from the segment
/// means at which each start is best.
///
/// Why: PELT's pruning drops a start only once it is worse than the optimum by the penalty, which on
/// a steady series (most benchmarks, most of the time) never happens: every start stays, and a
/// series of n points costs n²/2 comparisons, 12 million for 5000 runs. Here a start goes once
/// other starts are better at every segment mean, which on a steady series leaves a few.
///
/// With `best[τ]` the least penalised cost up to τ and S, Q the prefix sums of the centred series,
/// a last segment from τ to `end` with mean μ costs h_τ(μ) + Σ_{i<end} (x_i − μ)², where
/// h_τ(μ) = best[τ] − Q[τ] + 2·S[τ]·μ − τ·μ². The second term is the same for every start, now and
/// at every later end, so the best start for a segment whose mean is μ is the one whose h_τ is
/// lowest at μ. The envelope is a list of pieces of the range of segment means (the range of the
/// series), each with the start lowest there; a start that holds no piece is never the best again.
///
/// Floating point: a start keeps μ while it is within `margin` of a newcomer there, and the
/// newcomer takes μ while it is within `margin` of the start, so pieces may overlap by a sliver and
/// rounding never drops a start that is the best, or as good as it, where the costs are compared.
struct ChangePointEnvelope {
    private struct Piece {
        var low: Double
        var high: Double
        var owner: Int
    }

    private let sums: UnsafeBufferPointer<Double>
    private let squares: UnsafeBufferPointer<Double>
    /// `best[τ]`, filled in by the recursion before τ is added.
    private let best: UnsafeMutableBufferPointer<Double>
    private let lowest: Double
    private let highest: Double
    private let margin: Double
    private var pieces: [Piece] = []
    private var next: [Piece] = []
    /// The parts of the pieces a newcomer takes, before they are joined.
    private var taken: [(low: Double, high: Double)] = []
    /// How many pieces each start owns; a start with none is pruned.
    private var owned: [Int32]

    /// `range`: the least and greatest value of the centred series, between which every segment
    /// mean lies.
    init(
        sums: UnsafeBufferPointer<Double>, squares: UnsafeBufferPointer<Double>, best: UnsafeMutableBufferPointer<Double>,
        range: ClosedRange<Double>
    ) {
        self.sums = sums
        self.squares = squares
        self.best = best
        let n = sums.count - 1
        let reach = Swift.max(abs(range.lowerBound), abs(range.upperBound))
        // |h_τ(μ)| ≤ best + Q[n] + 2|S|·reach + n·reach² ≤ 4·(Q[n] + n·reach²) (best ≤ Q[n]: one
        // segment is a segmentation). Rounding errors, here and in the costs the recursion compares,
        // are about 1e-16 of that; 1e-9 of it is far above them, and a start within it of the best
        // only stays a candidate a little longer.
        let scale = squares[n] + Double(n) * reach * reach
        margin = Swift.max(scale * 1e-9, Double.leastNormalMagnitude)
        owned = [Int32](repeating: 0, count: n + 1)
        pieces.reserveCapacity(64)
        next.reserveCapacity(64)
        taken.reserveCapacity(64)
        lowest = range.lowerBound
        highest = range.upperBound
    }

    /// Whether `start` still owns a piece of the envelope.
    func isAlive(_ start: Int) -> Bool { owned[start] > 0 }

    /// Adds `start` as the newest candidate.
    mutating func add(_ start: Int) {
        let constant = best[start] - squares[start]
        let slope = 2 * sums[start]
        guard !pieces.isEmpty else {
            pieces.append(Piece(low: lowest, high: highest, owner: start))
            owned[start] = 1
            return
        }
        next.removeAll(keepingCapacity: true)
        taken.removeAll(keepingCapacity: true)
        for piece in pieces {
            let owner = piece.owner
            // d(μ) = h_start(μ) − h_owner(μ) = a·μ² + b·μ + c, with a < 0: the newcomer is lower far out.
            let a = Double(owner - start)
            let b = slope - 2 * sums[owner]
            let c = constant - (best[owner] - squares[owner])
            // Most pieces go whole to one side; d is concave, so its least value on the piece is at
            // an end and its greatest at the vertex (or the end nearest it), and no roots are needed.
            if Swift.min((a * piece.low + b) * piece.low + c, (a * piece.high + b) * piece.high + c) > margin {
                keep(piece)
                owned[owner] -= 1
                continue
            }
            let vertex = Swift.min(Swift.max(-b / (2 * a), piece.low), piece.high)
            if (a * vertex + b) * vertex + c < -margin {
                owned[owner] -= 1
                taken.append((piece.low, piece.high))
                continue
            }
            // The owner keeps where d ≥ −margin: between the roots of d + margin.
            if let (r1, r2) = Self.roots(a, b, c + margin) {
                let low = Swift.max(piece.low, r1)
                let high = Swift.min(piece.high, r2)
                if low <= high { keep(Piece(low: low, high: high, owner: owner)) }
            }
            owned[owner] -= 1
            // The newcomer takes where d ≤ margin: outside the roots of d − margin.
            if let (s1, s2) = Self.roots(a, b, c - margin) {
                if piece.low <= Swift.min(piece.high, s1) { taken.append((piece.low, Swift.min(piece.high, s1))) }
                if Swift.max(piece.low, s2) <= piece.high { taken.append((Swift.max(piece.low, s2), piece.high)) }
            } else {
                taken.append((piece.low, piece.high))
            }
        }
        // What the newcomer took from each piece, joined where the pieces meet: one piece where it
        // is lowest across several, however many owners it overlaps by a sliver.
        taken.sort { $0.low < $1.low }
        var joined: (low: Double, high: Double)?
        for part in taken {
            if let current = joined, part.low <= current.high {
                joined = (current.low, Swift.max(current.high, part.high))
            } else {
                if let current = joined { keep(Piece(low: current.low, high: current.high, owner: start)) }
                joined = part
            }
        }
        if let current = joined { keep(Piece(low: current.low, high: current.high, owner: start)) }
        swap(&pieces, &next)
    }

    /// Puts a piece in the next envelope, joined to the last one when both are the same start's
    /// and they overlap or touch.
    private mutating func keep(_ piece: Piece) {
        if let last = next.last, last.owner == piece.owner, piece.low <= last.high, last.low <= piece.high {
            next[next.count - 1] = Piece(low: Swift.min(last.low, piece.low), high: Swift.max(last.high, piece.high), owner: piece.owner)
            return
        }
        next.append(piece)
        owned[piece.owner] += 1
    }

    /// The real roots of a·μ² + b·μ + c (a < 0), smaller first; nil when there are none.
    private static func roots(_ a: Double, _ b: Double, _ c: Double) -> (Double, Double)? {
        let discriminant = b * b - 4 * a * c
        guard discriminant >= 0 else { return nil }
        // The form without cancellation: q = −(b + sign(b)·√disc)/2, roots q/a and c/q.
        let q = -0.5 * (b + (b < 0 ? -1 : 1) * discriminant.squareRoot())
        let first = q / a
        let second = q != 0 ? c / q : first
        return first <= second ? (first, second) : (second, first)
    }
}

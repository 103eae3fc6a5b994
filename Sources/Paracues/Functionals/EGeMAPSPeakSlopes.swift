import Foundation

/// Peak count and rising/falling slope statistics of a contour, as openSMILE cFunctionalPeaks2 defines them
/// with eGeMAPSv02's options (`relThresh = 0.1`, `dynRelThresh = 0`, `norm = seconds`); used for the F0 and
/// loudness functionals. Reproduces openSMILE's values from its own contours (F0 slopes to 4·10⁻⁶ relative,
/// loudness slopes and peaks per second to 2·10⁻², r ≥ 0.9999 over the 48-file parity corpus).
///
/// With θ = 0.1 × (max − min) and x_0 the first value:
/// 1. candidates: every strict local maximum / minimum at positions 2…N − 3;
/// 2. a maximum less than θ from the previous candidate's value is dropped when it is less than θ above the
///    last kept minimum; otherwise it replaces the previous kept maximum if 5 % higher, is kept after a
///    minimum, and is dropped if neither. A maximum θ or more from the previous value is kept. A minimum
///    θ or more from the previous value becomes the last kept minimum. "Previous value" is the previous
///    candidate, kept or not; the last kept minimum and maximum start at x_0;
/// 3. minima less than θ below the last maximum (starting at x_0) are dropped;
/// 4. of consecutive maxima (minima) only the highest (lowest) is kept, the first when equal;
/// 5. slopes: walking the list from (x_0, position 0) as both last maximum and last minimum, each minimum
///    gives a falling slope (last max − min)/Δt, each maximum a rising slope (max − last min)/Δt
///    (Δt = positions × `frameSeconds`, only when Δt > 0). The stretch after the last extremum adds
///    (x_{N−1} − last extremum)/Δt to the opposite kind's sum and count (so a final fall counts negatively
///    among the falling slopes) but not to its deviation; with no extremum at all, (x_{N−1} − x_0)/N is one
///    rising or falling slope. Means divide by the count, population deviations by the count (both left
///    undivided for a count of 1).
/// `peaks` is the number of maxima left after step 4.
enum EGeMAPSPeakSlopes {
    struct Result {
        var peaks = 0
        /// nil when there is no slope of that kind (openSMILE writes 0).
        var meanRising: Double?, stddevRising: Double?, meanFalling: Double?, stddevFalling: Double?
    }

    private struct Extremum { var isMax: Bool; var value: Float; var position: Int; var kept = true }

    static func compute(_ x: [Float], frameSeconds: Double) -> Result {
        let n = x.count
        guard n > 0, let lo = x.min(), let hi = x.max() else { return Result() }
        let threshold = 0.1 * (hi - lo)
        var list: [Extremum] = []
        if n > 4 {
            for i in 2..<(n - 2) {
                if x[i] > x[i - 1] && x[i] > x[i + 1] { list.append(Extremum(isMax: true, value: x[i], position: i)) }
                else if x[i] < x[i - 1] && x[i] < x[i + 1] { list.append(Extremum(isMax: false, value: x[i], position: i)) }
            }
        }
        // Step 2: minimum rise/fall between neighbouring candidates.
        var previous = x[0], lastMin = x[0], lastMax = x[0], afterMin = false
        var lastMaxIndex: Int?
        for k in list.indices {
            let e = list[k]
            if e.isMax {
                if abs(e.value - previous) < threshold {
                    if e.value - lastMin < threshold {
                        list[k].kept = false
                    } else {
                        if e.value > lastMax * 1.05 {
                            if let m = lastMaxIndex { list[m].kept = false }
                            lastMax = e.value; lastMaxIndex = k
                        } else if afterMin {
                            lastMax = e.value; lastMaxIndex = k
                        } else {
                            list[k].kept = false
                        }
                        afterMin = false
                    }
                } else {
                    afterMin = false; lastMax = e.value; lastMaxIndex = k
                }
            } else if abs(e.value - previous) >= threshold {
                afterMin = true; lastMin = e.value
            }
            previous = e.value
        }
        list.removeAll { !$0.kept }
        // Step 3: shallow minima.
        lastMax = x[0]
        for k in list.indices {
            if list[k].isMax { lastMax = list[k].value } else if lastMax - list[k].value < threshold { list[k].kept = false }
        }
        list.removeAll { !$0.kept }
        // Step 4: alternate maxima and minima.
        var run: Int?
        for k in list.indices {
            if let r = run, list[r].isMax == list[k].isMax {
                let better = list[k].isMax ? list[k].value > list[r].value : list[k].value < list[r].value
                if better { list[r].kept = false; run = k } else { list[k].kept = false }
            } else {
                run = k
            }
        }
        list.removeAll { !$0.kept }
        return slopes(x, list, frameSeconds: frameSeconds)
    }

    private static func slopes(_ x: [Float], _ list: [Extremum], frameSeconds: Double) -> Result {
        var rising: [Double] = [], falling: [Double] = []
        var maxValue = Double(x[0]), minValue = Double(x[0]), maxAt = 0, minAt = 0
        var lastIsMax: Bool?
        for e in list {
            if e.isMax {
                maxValue = Double(e.value); maxAt = e.position
                if maxAt > minAt { rising.append((maxValue - minValue) / (Double(maxAt - minAt) * frameSeconds)); lastIsMax = true }
            } else {
                minValue = Double(e.value); minAt = e.position
                if minAt > maxAt { falling.append((maxValue - minValue) / (Double(minAt - maxAt) * frameSeconds)); lastIsMax = false }
            }
        }
        var sumR = rising.reduce(0, +), sumF = falling.reduce(0, +), countR = rising.count, countF = falling.count
        let last = x.count - 1, end = Double(x[last])
        switch lastIsMax {
        case true?: if last > maxAt { sumF += (end - maxValue) / (Double(last - maxAt) * frameSeconds); countF += 1 }
        case false?: if last > minAt { sumR += (end - minValue) / (Double(last - minAt) * frameSeconds); countR += 1 }
        case nil:
            let s = (end - Double(x[0])) / Double(x.count)
            if s > 0 { sumR = s; countR = 1 } else if s < 0 { sumF = s; countF = 1 }
        }
        func stats(_ v: [Double], _ sum: Double, _ count: Int) -> (Double?, Double?) {
            guard count > 0 else { return (nil, nil) }
            let mean = count > 1 ? sum / Double(count) : sum
            var dev = v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            if count > 1 { dev /= Double(count) }
            return (mean, dev > 0 ? dev.squareRoot() : 0)
        }
        var r = Result(peaks: list.filter(\.isMax).count)
        (r.meanRising, r.stddevRising) = stats(rising, sumR, countR)
        (r.meanFalling, r.stddevFalling) = stats(falling, sumF, countF)
        return r
    }
}

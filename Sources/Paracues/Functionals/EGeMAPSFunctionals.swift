import Foundation

/// Computes the 88 eGeMAPSv02 functionals from a run of frames.
enum EGeMAPSFunctionals {
    typealias Slot = EGeMAPSFrame.Slot

    static func compute(_ frames: ArraySlice<EGeMAPSFrame>, frameSeconds: Double) -> [EGeMAPSFeature] {
        var out: [EGeMAPSFeature] = []
        out.reserveCapacity(88)
        let duration = Double(frames.count) * frameSeconds
        func add(_ name: String, _ value: Double?, _ reason: @autoclosure () -> String) {
            if let v = value, v.isFinite { out.append(EGeMAPSFeature(name: name, value: v, reason: nil)) }
            else { out.append(EGeMAPSFeature(name: name, value: nil, reason: reason())) }
        }
        // openSMILE pairs its 20 ms spectral frame k (centred 10 ms after its start) with the 60 ms pitch
        // frame k (centred 30 ms after it): the V/UV subsets of the 20 ms descriptors (spectral shape,
        // MFCC, flux, formant frequencies and bandwidths) use the voicing 20 ms (2 hops) later.
        let voiced = frames.map(\.voiced)
        let spectralVoiced = voiced.indices.map { $0 + 2 < voiced.count ? voiced[$0 + 2] : false }
        func raw(_ slot: Slot, where keep: (Int) -> Bool = { _ in true }) -> [Float?] {
            var out = [Float?](repeating: nil, count: frames.count)
            for (i, f) in frames.enumerated() where keep(i) { out[i] = f[slot] }
            return out
        }
        func present(_ x: [Float?]) -> [Float] { x.compactMap { $0 } }
        // "nz" contours: smoothing over present neighbours; `voicedOnly` selects by `flags`.
        func nz(_ slot: Slot, voicedOnly: Bool? = nil, flags: [Bool]? = nil) -> [Float] {
            let v = flags ?? voiced
            let x = raw(slot) { i in voicedOnly.map { $0 == v[i] } ?? true }
            return present(ContourStatistics.smooth(x, skipMissing: true))
        }
        // "Z" contours (openSMILE nonZeroFuncts = 0): absent values (silence) count as 0.
        func zeroFilled(_ slot: Slot) -> [Float] {
            present(ContourStatistics.smooth(raw(slot).map { $0 ?? 0 }, skipMissing: false))
        }
        func meanStd(_ name: String, _ v: [Float], why: String) {
            add("\(name)_amean", ContourStatistics.mean(v), why)
            add("\(name)_stddevNorm", ContourStatistics.stddevNorm(v), v.isEmpty ? why : "mean is 0")
        }
        func full(_ name: String, _ v: [Float], why: String) {
            meanStd(name, v, why: why)
            let s = v.sorted()
            let p20 = ContourStatistics.percentile(sorted: s, 0.2), p80 = ContourStatistics.percentile(sorted: s, 0.8)
            add("\(name)_percentile20.0", p20, why)
            add("\(name)_percentile50.0", ContourStatistics.percentile(sorted: s, 0.5), why)
            add("\(name)_percentile80.0", p80, why)
            add("\(name)_pctlrange0-2", p80.flatMap { a in p20.map { a - $0 } }, why)
            let pk = EGeMAPSPeakSlopes.compute(v, frameSeconds: frameSeconds)
            let noSlope = "no rise or fall larger than 10 % of the range"
            add("\(name)_meanRisingSlope", pk.meanRising, noSlope)
            add("\(name)_stddevRisingSlope", pk.stddevRising, noSlope)
            add("\(name)_meanFallingSlope", pk.meanFalling, noSlope)
            add("\(name)_stddevFallingSlope", pk.stddevFalling, noSlope)
        }
        let noVoiced = "no voiced frames"
        let f0 = nz(.f0Semitone)
        full("F0semitoneFrom27.5Hz_sma3nz", f0, why: noVoiced)
        let loud = present(ContourStatistics.smooth(raw(.loudness), skipMissing: false))
        full("loudness_sma3", loud, why: "no frames")
        let z: [(String, Slot)] = [("spectralFlux", .spectralFlux), ("mfcc1", .mfcc1), ("mfcc2", .mfcc2),
                                   ("mfcc3", .mfcc3), ("mfcc4", .mfcc4)]
        for (name, slot) in z {
            meanStd("\(name)_sma3", zeroFilled(slot), why: "no frames")
        }
        let voiceSlots: [(String, Slot)] = [
            ("jitterLocal", .jitterLocal), ("shimmerLocaldB", .shimmerLocalDB), ("HNRdBACF", .hnrDB),
            ("logRelF0-H1-H2", .h1MinusH2), ("logRelF0-H1-A3", .h1MinusA3),
            ("F1frequency", .f1Frequency), ("F1bandwidth", .f1Bandwidth), ("F1amplitudeLogRelF0", .f1Amplitude),
            ("F2frequency", .f2Frequency), ("F2bandwidth", .f2Bandwidth), ("F2amplitudeLogRelF0", .f2Amplitude),
            ("F3frequency", .f3Frequency), ("F3bandwidth", .f3Bandwidth), ("F3amplitudeLogRelF0", .f3Amplitude)]
        let fromShortFrame: Set<Slot> = [.f1Frequency, .f1Bandwidth, .f2Frequency, .f2Bandwidth, .f3Frequency, .f3Bandwidth]
        let amplitudes: Set<Slot> = [.f1Amplitude, .f2Amplitude, .f3Amplitude]
        for (name, slot) in voiceSlots {
            if amplitudes.contains(slot) {
                // openSMILE's formant-amplitude contour is not voicing-gated: it holds −201 dB (its log floor)
                // in every unvoiced frame, and the nz smoothing and functionals keep those (only 0 is left
                // out), so its amean is a voiced-fraction-weighted mix of the real values and −201.
                let x = frames.map { f -> Float? in f.voiced ? f[slot] : -201 }
                let v = present(ContourStatistics.smooth(x, skipMissing: true))
                meanStd("\(name)_sma3nz", v, why: "no frames")
                continue
            }
            meanStd("\(name)_sma3nz", nz(slot, voicedOnly: true, flags: fromShortFrame.contains(slot) ? spectralVoiced : voiced),
                    why: "no voiced frames where it is measurable (too few periods, or above the source bandwidth)")
        }
        let spectralV: [(String, Slot)] = [
            ("alphaRatioV", .alphaRatio), ("hammarbergIndexV", .hammarbergIndex), ("slopeV0-500", .slope0to500),
            ("slopeV500-1500", .slope500to1500), ("spectralFluxV", .spectralFlux), ("mfcc1V", .mfcc1),
            ("mfcc2V", .mfcc2), ("mfcc3V", .mfcc3), ("mfcc4V", .mfcc4)]
        for (name, slot) in spectralV {
            meanStd("\(name)_sma3nz", nz(slot, voicedOnly: true, flags: spectralVoiced), why: "no voiced frames where it is measurable")
        }
        let spectralUV: [(String, Slot)] = [
            ("alphaRatioUV", .alphaRatio), ("hammarbergIndexUV", .hammarbergIndex), ("slopeUV0-500", .slope0to500),
            ("slopeUV500-1500", .slope500to1500), ("spectralFluxUV", .spectralFlux)]
        for (name, slot) in spectralUV {
            add("\(name)_sma3nz_amean", ContourStatistics.mean(nz(slot, voicedOnly: false, flags: spectralVoiced)),
                "no unvoiced frames where it is measurable")
        }
        let peakCount = EGeMAPSPeakSlopes.compute(loud, frameSeconds: frameSeconds).peaks
        add("loudnessPeaksPerSec", duration > 0 ? Double(peakCount) / duration : nil, "empty input")
        let segments = ContourStatistics.runs(ContourStatistics.smooth(raw(.f0Semitone), skipMissing: true).map { $0 != nil })
        // openSMILE (cFunctionalSegments) measures a segment of n frames as (n − 1) hops: from its first
        // frame's time to its last's (checked on its own F0 contours: equal to 10⁻⁴ s).
        let on = segments.on.map { Double($0 - 1) * frameSeconds }, off = segments.off.map { Double($0 - 1) * frameSeconds }
        add("VoicedSegmentsPerSec", duration > 0 ? Double(on.count) / duration : nil, "empty input")
        add("MeanVoicedSegmentLengthSec", on.isEmpty ? nil : on.reduce(0, +) / Double(on.count), noVoiced)
        add("StddevVoicedSegmentLengthSec", ContourStatistics.stddev(on), noVoiced)
        add("MeanUnvoicedSegmentLength", off.isEmpty ? nil : off.reduce(0, +) / Double(off.count), "no unvoiced frames")
        add("StddevUnvoicedSegmentLength", ContourStatistics.stddev(off), "no unvoiced frames")
        let power = present(raw(.power))
        let meanPower = ContourStatistics.mean(power)
        add("equivalentSoundLevel_dBp", meanPower.flatMap { $0 > 0 ? 10 * log10($0) : nil }, "silence")
        return out
    }
}

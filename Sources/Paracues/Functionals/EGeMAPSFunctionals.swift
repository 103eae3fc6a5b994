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
        func raw(_ slot: Slot, where keep: (EGeMAPSFrame) -> Bool = { _ in true }) -> [Float?] {
            frames.map { keep($0) ? $0[slot] : nil }
        }
        func present(_ x: [Float?]) -> [Float] { x.compactMap { $0 } }
        // Voiced-only ("nz") contours: smoothing over present neighbours.
        func nz(_ slot: Slot, voicedOnly: Bool? = nil) -> [Float] {
            let x = raw(slot) { f in voicedOnly.map { $0 == f.voiced } ?? true }
            return present(ContourStatistics.smooth(x, skipMissing: true))
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
            let pk = ContourStatistics.peaks(v, frameSeconds: frameSeconds)
            let noSlope = "no rise or fall larger than 10 % of the range"
            add("\(name)_meanRisingSlope", pk.rising.isEmpty ? nil : pk.rising.reduce(0, +) / Double(pk.rising.count), noSlope)
            add("\(name)_stddevRisingSlope", ContourStatistics.stddev(pk.rising), noSlope)
            add("\(name)_meanFallingSlope", pk.falling.isEmpty ? nil : pk.falling.reduce(0, +) / Double(pk.falling.count), noSlope)
            add("\(name)_stddevFallingSlope", ContourStatistics.stddev(pk.falling), noSlope)
        }
        let noVoiced = "no voiced frames"
        let f0 = nz(.f0Semitone)
        full("F0semitoneFrom27.5Hz_sma3nz", f0, why: noVoiced)
        let loud = present(ContourStatistics.smooth(raw(.loudness), skipMissing: false))
        full("loudness_sma3", loud, why: "no frames")
        let z: [(String, Slot)] = [("spectralFlux", .spectralFlux), ("mfcc1", .mfcc1), ("mfcc2", .mfcc2),
                                   ("mfcc3", .mfcc3), ("mfcc4", .mfcc4)]
        for (name, slot) in z {
            meanStd("\(name)_sma3", present(ContourStatistics.smooth(raw(slot), skipMissing: true)), why: "no frames with signal")
        }
        let voiceSlots: [(String, Slot)] = [
            ("jitterLocal", .jitterLocal), ("shimmerLocaldB", .shimmerLocalDB), ("HNRdBACF", .hnrDB),
            ("logRelF0-H1-H2", .h1MinusH2), ("logRelF0-H1-A3", .h1MinusA3),
            ("F1frequency", .f1Frequency), ("F1bandwidth", .f1Bandwidth), ("F1amplitudeLogRelF0", .f1Amplitude),
            ("F2frequency", .f2Frequency), ("F2bandwidth", .f2Bandwidth), ("F2amplitudeLogRelF0", .f2Amplitude),
            ("F3frequency", .f3Frequency), ("F3bandwidth", .f3Bandwidth), ("F3amplitudeLogRelF0", .f3Amplitude)]
        for (name, slot) in voiceSlots {
            meanStd("\(name)_sma3nz", nz(slot, voicedOnly: true),
                    why: "no voiced frames where it is measurable (too few periods, or above the source bandwidth)")
        }
        let spectralV: [(String, Slot)] = [
            ("alphaRatioV", .alphaRatio), ("hammarbergIndexV", .hammarbergIndex), ("slopeV0-500", .slope0to500),
            ("slopeV500-1500", .slope500to1500), ("spectralFluxV", .spectralFlux), ("mfcc1V", .mfcc1),
            ("mfcc2V", .mfcc2), ("mfcc3V", .mfcc3), ("mfcc4V", .mfcc4)]
        for (name, slot) in spectralV {
            meanStd("\(name)_sma3nz", nz(slot, voicedOnly: true), why: "no voiced frames where it is measurable")
        }
        let spectralUV: [(String, Slot)] = [
            ("alphaRatioUV", .alphaRatio), ("hammarbergIndexUV", .hammarbergIndex), ("slopeUV0-500", .slope0to500),
            ("slopeUV500-1500", .slope500to1500), ("spectralFluxUV", .spectralFlux)]
        for (name, slot) in spectralUV {
            add("\(name)_sma3nz_amean", ContourStatistics.mean(nz(slot, voicedOnly: false)),
                "no unvoiced frames where it is measurable")
        }
        let peakCount = ContourStatistics.peaks(loud, frameSeconds: frameSeconds).count
        add("loudnessPeaksPerSec", duration > 0 ? Double(peakCount) / duration : nil, "empty input")
        let segments = ContourStatistics.runs(ContourStatistics.smooth(raw(.f0Semitone), skipMissing: true).map { $0 != nil })
        let on = segments.on.map { Double($0) * frameSeconds }, off = segments.off.map { Double($0) * frameSeconds }
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

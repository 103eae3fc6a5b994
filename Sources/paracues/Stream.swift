import ArgumentParser
import Foundation
import Paracues

/// `paracues stream`: raw PCM on stdin → JSON Lines on stdout as the audio arrives.
struct StreamCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stream",
        abstract: "Analyse live raw PCM from stdin and print JSON Lines: frames, pauses, events, turn annotations.",
        discussion: """
            Each line is one JSON object with a "type": "frame" (with --frames), "pause", "event", \
            "turn" (a user turn finished: times, features, change against the session baseline, and the \
            compact text for a model), and a final "end". Lines are written as soon as they are decided \
            and flushed one by one. Latency: frames about 0.1 s after their audio; a turn --end-silence \
            seconds after its speech stops. Exit status: 0 done; 1 malformed input; 2 usage error.
            """)

    @Option(help: "Sample encoding: s16le, s24le or f32le.")
    var raw: RawPCMEncoding

    @Option(help: "Sample rate in Hz.")
    var rate: Int

    @Option(help: "Interleaved channel count (averaged to mono).")
    var channels: Int = 1

    @Flag(help: "Also print every 10 ms frame.")
    var frames = false

    @Option(help: "Silence after speech that ends a turn, seconds (0.1–5).")
    var endSilence: Double = 0.6

    @Option(help: "Shortest silence reported as a pause, seconds.")
    var minPause: Double = 0.2

    @Option(help: "Guidance line appended to each turn's text (empty for none).")
    var guidance: String?

    @Option(help: "Cue model file (JSON, from `paracues train`); default: the built-in model (docs/cues.md).")
    var model: String?

    @Flag(help: "Leave the cue classifier out (turns carry measurements only).")
    var noCues = false

    func validate() throws {
        guard channels >= 1 else { throw ValidationError("--channels must be ≥ 1") }
    }

    func run() throws {
        var settings = SessionAnnotator.Configuration()
        settings.inputRate = rate
        settings.endSilence = endSilence
        settings.analysis.minimumPause = minPause
        if let guidance { settings.guidance = guidance.isEmpty ? nil : guidance }
        if noCues {
            settings.cueModel = nil
        } else if let model {
            do { settings.cueModel = try CueModel.load(path: model) } catch { throw ValidationError(error.description) }
        }
        let annotator: SessionAnnotator
        do { annotator = try SessionAnnotator(configuration: settings) } catch {
            throw ValidationError(error.description)
        }
        // Raw PCM through the library's reader: it returns as soon as whole frames arrive (live),
        // and reports a partial trailing frame after delivering everything before it.
        let reader: RawPCMReader
        do { reader = try RawPCMReader(fileDescriptor: 0, encoding: raw, format: AudioFormat(sampleRate: rate, channels: channels)) }
        catch { throw ValidationError(error.description) }
        let writer = StreamLineWriter(hopSeconds: settings.analysis.hopSeconds, frames: frames)
        var output = SessionOutput()
        let block = UnsafeMutableBufferPointer<Float>.allocate(capacity: 4800 * channels)
        defer { block.deallocate() }
        let mono = UnsafeMutableBufferPointer<Float>.allocate(capacity: 4800)
        defer { mono.deallocate() }
        var malformed: ParacuesError?
        while true {
            let count: Int
            do { count = try reader.read(into: block) } catch { malformed = error; break }
            if count == 0 { break }
            for f in 0..<count {
                var sum: Float = 0
                for c in 0..<channels { sum += block[f * channels + c] }
                mono[f] = sum / Float(channels)
            }
            annotator.process(UnsafeBufferPointer(rebasing: mono[0..<count]), into: &output)
            writer.write(output)
            output.removeAll()
        }
        annotator.finish(into: &output)
        writer.write(output)
        writer.line(["type": "end", "seconds": StreamLineWriter.round(annotator.secondsReceived, 3)])
        if let malformed {
            Diagnostics.write("paracues: -: \(malformed.description)\n")
            throw ExitCode(1)
        }
    }
}

/// Writes one JSON object per line to stdout, unbuffered.
struct StreamLineWriter {
    let hopSeconds: Double
    let frames: Bool

    static func round(_ value: Double, _ digits: Int) -> Double {
        let scale = pow(10, Double(digits))
        return (value * scale).rounded() / scale
    }

    static func optional(_ value: Double?, _ digits: Int) -> Any { value.map { round($0, digits) } ?? NSNull() }

    /// An encodable value (e.g. a ``CueReport``) as a JSON object for the line writer.
    static func jsonObject<Value: Encodable>(_ value: Value) -> Any? {
        guard let data = try? JSONEncoder().encode(value) else { return nil }
        return try? JSONSerialization.jsonObject(with: data)
    }

    func line(_ object: [String: Any]) {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return }
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }

    func write(_ output: SessionOutput) {
        if frames {
            for f in output.analysis.frames {
                line(["type": "frame", "t": Self.round(Double(f.index) * hopSeconds, 3),
                      "f0_hz": f.f0Hz > 0 ? Self.round(Double(f.f0Hz), 2) : NSNull(),
                      "voicing": Self.round(Double(f.voicing), 3), "energy_dbfs": Self.round(Double(f.energyDBFS), 2),
                      "loudness": Self.round(Double(f.loudness), 4), "validity": f.validity.names])
            }
        }
        for p in output.analysis.pauses {
            line(["type": "pause", "start": Self.round(p.start, 3), "end": Self.round(p.end, 3)])
        }
        for e in output.analysis.events {
            line(["type": "event", "event": e.type, "start": Self.round(e.start, 3), "end": Self.round(e.end, 3),
                  "confidence": Self.round(e.confidence, 3)])
        }
        for a in output.annotations { line(Self.turnObject(a)) }
    }

    /// A turn annotation as a JSON object (snake_case keys, rounded numbers).
    static func turnObject(_ a: TurnAnnotation) -> [String: Any] {
        let f = a.features, c = a.change
        return [
            "type": "turn", "turn": a.turn, "start": round(a.start, 3), "end": round(a.end, 3), "complete": a.complete,
            "features": [
                "pitch_median_hz": optional(f.pitchMedianHz, 1), "pitch_range_st": optional(f.pitchRangeSemitones, 2),
                "loudness_median": optional(f.loudnessMedian, 4), "energy_median_dbfs": optional(f.energyMedianDBFS, 2),
                "voiced_fraction": round(f.voicedFraction, 3), "syllable_count": f.syllableCount,
                "articulation_rate_syl_s": optional(f.articulationRate, 2), "speech_rate_syl_s": optional(f.speechRate, 2),
                "pauses": f.pauses.map { ["start": round($0.start, 3), "end": round($0.end, 3)] },
                "events": f.events.map { ["type": $0.type, "start": round($0.start, 3), "end": round($0.end, 3),
                                          "confidence": round($0.confidence, 3)] },
            ] as [String: Any],
            "change": ["pitch_pct": optional(c.pitchPercent, 1), "loudness_pct": optional(c.loudnessPercent, 1),
                       "rate_pct": optional(c.ratePercent, 1), "baseline_turns": c.baselineTurns] as [String: Any],
            "cues": a.cues.flatMap(jsonObject) ?? NSNull(),
            "text": a.text,
        ]
    }
}

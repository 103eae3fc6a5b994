import Foundation

/// A self-contained SVG timeline of one analysis, readable at a glance: energy envelope, pitch
/// contour (Hz on a log axis, semitone grid), pauses shaded, events marked, summary along the top.
///
/// Needs the report's frame table (analyse with `keepFrames`). Long files are decimated to at most
/// `maximumColumns` columns (min/max envelope, median pitch per column), so the SVG stays small.
public struct TimelinePlot: Sendable {
    /// Width of the drawing in px.
    public var width = 1400.0
    /// Most data columns drawn (long files are decimated to this).
    public var maximumColumns = 1400

    /// Creates a plot with default sizes.
    public init() {}

    /// The SVG document for `report`.
    public func svg(for report: AnalysisReport) -> String {
        let frames = report.frames ?? AnalysisReport.FrameTable()
        let duration = max(report.durationS, 0.01)
        let left = 64.0, right = 20.0, top = 58.0
        let plotWidth = width - left - right
        let energyTop = top, energyHeight = 110.0
        let pitchTop = energyTop + energyHeight + 28, pitchHeight = 220.0
        let height = pitchTop + pitchHeight + 46
        func x(_ t: Double) -> Double { left + plotWidth * t / duration }
        func fmt(_ v: Double) -> String { String(format: "%.1f", v) }

        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="Helvetica, Arial, sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="#ffffff"/>

        """
        // Title and summary line.
        let p = report.summary.pitch
        var facts = [String(format: "%.1f s", duration)]
        if let m = p.medianHz { facts.append(String(format: "median f0 %.0f Hz", m)) }
        if let r = p.rangeSt { facts.append(String(format: "range %.1f st", r)) }
        facts.append(String(format: "voiced %.0f %%", 100 * p.voicedFraction))
        facts.append("\(report.summary.pauses.count) pauses")
        if !report.events.isEmpty { facts.append("\(report.events.count) events") }
        svg += text(left, 22, escape(URL(fileURLWithPath: report.file).lastPathComponent), size: 16, weight: "bold")
        svg += text(left, 42, escape(facts.joined(separator: " · ")), size: 12, fill: "#444")

        // Pauses shaded over both panels.
        for pause in report.pauses {
            svg += "<rect x=\"\(fmt(x(pause.startS)))\" y=\"\(fmt(energyTop))\" width=\"\(fmt(max(1, x(pause.endS) - x(pause.startS))))\" height=\"\(fmt(pitchTop + pitchHeight - energyTop))\" fill=\"#9db4d8\" fill-opacity=\"0.28\"><title>pause \(String(format: "%.2f–%.2f s", pause.startS, pause.endS))</title></rect>\n"
        }

        // Energy envelope (dBFS, −80…0): the loudest frame per column, filled down to −80 dB.
        svg += panelFrame(left, energyTop, plotWidth, energyHeight, label: "energy (dBFS)")
        let columns = max(1, min(maximumColumns, frames.timeS.count))
        let perColumn = max(1, Double(frames.timeS.count) / Double(columns))
        func ey(_ db: Double) -> Double { energyTop + energyHeight * (1 - (max(-80, min(0, db)) + 80) / 80) }
        var upper: [String] = []
        for c in 0..<columns {
            let a = Int(Double(c) * perColumn), b = min(frames.timeS.count, Int(Double(c + 1) * perColumn))
            guard a < b else { continue }
            let slice = frames.energyDBFS[a..<b].map(Double.init)
            let t = frames.timeS[a]
            upper.append("\(fmt(x(t))),\(fmt(ey(slice.max()!)))")
        }
        if !upper.isEmpty {
            let base = "\(fmt(x(duration))),\(fmt(ey(-80))) \(fmt(x(0))),\(fmt(ey(-80)))"
            svg += "<polygon points=\"\(upper.joined(separator: " ")) \(base)\" fill=\"#5b6b7f\" fill-opacity=\"0.75\"/>\n"
        }
        for db in [-20.0, -40, -60] { svg += gridLine(left, plotWidth, ey(db), label: "\(Int(db))") }

        // Pitch contour on a log axis between the report's f0 range.
        let lowHz = max(40, (p.p10Hz ?? 100) / 2), highHz = min(1000, (p.p90Hz ?? 300) * 2)
        func py(_ hz: Double) -> Double { pitchTop + pitchHeight * (1 - log(hz / lowHz) / log(highHz / lowHz)) }
        svg += panelFrame(left, pitchTop, plotWidth, pitchHeight, label: "f0 (Hz, log scale; grid every 3 semitones above 27.5 Hz)")
        var st = (12 * log2(lowHz / 27.5)).rounded(.up)
        while 27.5 * pow(2, st / 12) < highHz {
            let hz = 27.5 * pow(2, st / 12)
            if Int(st) % 3 == 0 { svg += gridLine(left, plotWidth, py(hz), label: String(format: "%.0f", hz)) }
            st += 1
        }
        var path = "", drawing = false, lastIndex = -2
        for i in frames.timeS.indices where frames.f0Hz[i] > 0 {
            let f = Double(frames.f0Hz[i])
            guard f >= lowHz && f <= highHz else { continue }
            path += (drawing && i == lastIndex + 1 ? "L" : "M") + "\(fmt(x(frames.timeS[i]))),\(fmt(py(f)))"
            drawing = true
            lastIndex = i
        }
        if !path.isEmpty { svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"#c0392b\" stroke-width=\"1.8\"/>\n" }

        // Events as labelled bands above the pitch panel.
        for event in report.events {
            let x0 = x(event.startS), x1 = max(x0 + 2, x(event.endS))
            svg += "<rect x=\"\(fmt(x0))\" y=\"\(fmt(pitchTop - 22))\" width=\"\(fmt(x1 - x0))\" height=\"16\" rx=\"3\" fill=\"\(colour(event.type))\"><title>\(escape(event.type)) \(String(format: "%.2f–%.2f s, confidence %.2f", event.startS, event.endS, event.confidence))</title></rect>\n"
            svg += text(x0 + 3, pitchTop - 10, escape(event.type.replacingOccurrences(of: "_", with: " ")), size: 10, fill: "#fff")
        }

        // Time axis.
        let axisY = pitchTop + pitchHeight
        let step = niceStep(duration / 12)
        var t = 0.0
        while t <= duration + 1e-9 {
            svg += "<line x1=\"\(fmt(x(t)))\" y1=\"\(fmt(axisY))\" x2=\"\(fmt(x(t)))\" y2=\"\(fmt(axisY + 5))\" stroke=\"#333\"/>\n"
            svg += text(x(t) - 8, axisY + 18, String(format: step < 1 ? "%.1f" : "%.0f", t), size: 11)
            t += step
        }
        svg += text(left + plotWidth / 2 - 20, axisY + 36, "time (s)", size: 12)
        svg += "</svg>\n"
        return svg
    }

    private func panelFrame(_ x: Double, _ y: Double, _ w: Double, _ h: Double, label: String) -> String {
        "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(w)\" height=\"\(h)\" fill=\"none\" stroke=\"#888\"/>\n"
            + text(x + 4, y + 14, escape(label), size: 11, fill: "#555")
    }

    private func gridLine(_ x: Double, _ w: Double, _ y: Double, label: String) -> String {
        String(format: "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", x, y, x + w, y)
            + text(x - 40, y + 4, label, size: 10, fill: "#666")
    }

    private func text(_ x: Double, _ y: Double, _ s: String, size: Int, fill: String = "#222", weight: String = "normal") -> String {
        String(format: "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" fill=\"%@\" font-weight=\"%@\">", x, y, size, fill, weight) + s + "</text>\n"
    }

    private func colour(_ type: String) -> String {
        switch type {
        case "laughter": return "#e67e22"
        case "sigh": return "#8e44ad"
        case "filled_pause": return "#16a085"
        default: return "#7f8c8d"
        }
    }

    private func niceStep(_ raw: Double) -> Double {
        let magnitude = pow(10, floor(log10(max(raw, 1e-3))))
        for m in [1.0, 2, 5, 10] where m * magnitude >= raw { return m * magnitude }
        return 10 * magnitude
    }

    private func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

import Foundation

/// Texts with known syllable counts for speaking-rate tests.
///
/// English texts are written with hyphens between syllables (removed before synthesis), so the count
/// is words + hyphens. Words with uncertain syllabification ("every", "fire", "family") are avoided.
/// Mandarin: one syllable per Hanzi (punctuation is not counted).
public enum NonVerbalRateCorpus {
    /// English texts, hyphenated by syllable.
    public static let english = [
        "yes-ter-day my bro-ther drove to the mar-ket to buy fresh bread, ap-ples, and a bot-tle of milk for the week-end.",
        "the old man sat by the win-dow and watched the rain fall on the gar-den while his cof-fee slow-ly got cold.",
        "we should prob-a-bly leave be-fore the traf-fic gets bad, but I still have to find my keys and my jack-et.",
        "when the sun went down, the chil-dren ran back to the house, laugh-ing and shout-ing a-bout the games they played.",
        "she o-pened the let-ter with shak-ing hands and read it twice be-fore she said a sin-gle word to an-y-one.",
        "the train to the coast leaves at noon, so pack your bags to-night and try to get some sleep.",
    ]
    /// Mandarin texts (Hanzi).
    public static let mandarin = [
        "今天天气很好，我们一起去公园散步吧。",
        "他每天早上七点起床，然后坐地铁去公司上班。",
        "这本书非常有意思，我已经看了两遍了。",
        "妈妈在厨房里做饭，爸爸在客厅里看电视。",
        "我们明年夏天打算去南方旅行，顺便看看老朋友。",
        "下雨的时候，街上的人都走得很快。",
    ]

    /// Syllables of a hyphenated English text: words plus hyphens.
    public static func englishSyllables(_ text: String) -> Int {
        text.split(whereSeparator: { !$0.isLetter && $0 != "-" })
            .reduce(0) { $0 + $1.split(separator: "-").count }
    }

    /// The English text as spoken (hyphens removed).
    public static func englishSpoken(_ text: String) -> String { text.replacingOccurrences(of: "-", with: "") }

    /// Syllables of a Mandarin text: CJK unified ideographs.
    public static func mandarinSyllables(_ text: String) -> Int {
        text.unicodeScalars.filter { (0x4E00...0x9FFF).contains($0.value) }.count
    }
}

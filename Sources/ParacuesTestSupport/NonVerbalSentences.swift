/// Random but deterministic sentences for speech material (English words; common Hanzi).
public enum NonVerbalSentences {
    static let words = """
    the a we you they she he it this that my your our some many old new good long small big early late \
    house garden river window table letter market station office morning evening weekend winter summer \
    coffee water bread music story picture question answer number problem reason people children teacher \
    doctor brother sister mother father friend neighbour walk talk read write open close carry follow \
    remember forget believe consider finish begin travel visit listen watch bring leave find keep \
    quickly slowly often never always almost really perhaps together again because before after while \
    although until under over between around through across about into with without from and but so
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
    static let hanzi = Array("我你他她们的是在有不这个人来上大国到说时要就出会可也年得生对以家里后自天心下过去看学好见什只文当没开手知道前面高东西长小多少同行公老电话工作朋友学校今明早晚吃饭喝水买卖书读写问题回答")

    /// An English sentence of 8–18 words drawn with `rng`.
    public static func english(_ rng: inout NonVerbalNoise) -> String {
        let n = 8 + Int(rng.uniform() * 11)
        var out: [String] = []
        for i in 0..<n {
            out.append(words[Int(rng.uniform() * Double(words.count)) % words.count])
            if i > 3 && i < n - 2 && rng.uniform() < 0.1 { out[out.count - 1] += "," }
        }
        return out.joined(separator: " ") + "."
    }

    /// A Mandarin "sentence" of 8–20 Hanzi drawn with `rng` (phonetically valid, not grammatical).
    public static func mandarin(_ rng: inout NonVerbalNoise) -> String {
        let n = 8 + Int(rng.uniform() * 13)
        var out = ""
        for i in 0..<n {
            out.append(hanzi[Int(rng.uniform() * Double(hanzi.count)) % hanzi.count])
            if i == n / 2 && rng.uniform() < 0.5 { out.append("，") }
        }
        return out + "。"
    }
}

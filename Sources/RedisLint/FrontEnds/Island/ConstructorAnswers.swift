/// Whether calls construct a client (`ClientEvidence.isConstructor` and the like), remembered per receiver number
/// for the last method asked. Such an answer follows from the call's receiver, method and `new` alone (and the
/// file), and each is a key string built and hashed; a file's calls on one receiver that may construct mostly
/// share their method (`new Redis(…)`, `Redis.new`), so one entry per receiver answers most asks again (on the
/// 12 repositories, 6,613 answers worked out for the client constructions became 2,482).
struct ConstructorAnswers {
    /// Per receiver number: the method's number, doubled, plus 2 with `new` (else 1), negated for no; 0 for
    /// none yet. Made at the first ask (most files ask none).
    private var answers: [Int64] = []
    private let receiverCount: Int

    /// For calls whose receiver numbers are below `receiverCount`.
    init(receiverCount: Int) { self.receiverCount = receiverCount }

    /// `work()`'s answer for `call`, worked out unless the last ask on its receiver was of its method and `new`.
    mutating func answer(_ call: CallSite, _ work: () -> Bool) -> Bool {
        if answers.isEmpty { answers = [Int64](filled: 0, count: receiverCount) }
        let receiver = Int(call.receiverID)
        let asked = Int64(call.methodID) * 2 + (call.isConstruction ? 2 : 1)
        if answers[receiver] != asked && answers[receiver] != -asked { answers[receiver] = work() ? asked : -asked }
        return answers[receiver] > 0
    }
}

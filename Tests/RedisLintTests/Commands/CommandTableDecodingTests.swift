import Testing
@testable import RedisLint

/// What the decoder derives from the generated records, against the plain reading of the same text.
@Suite struct CommandTableDecodingTests {
    /// Container and subcommand names are cut at the first bar, as `split(separator: "|", maxSplits: 1)`
    /// cut them before (two non-empty pieces, or neither).
    @Test func containerAndSubcommandNamesAsSplitGivesThem() {
        let all = CommandTable.all
        #expect(all.filter { $0.containerName != nil }.count > 100, "the table has its subcommands")
        for spec in all {
            let pieces = spec.name.split(separator: "|", maxSplits: 1).map(String.init)
            #expect(spec.containerName == (pieces.count == 2 ? pieces[0] : nil), "\(spec.name)")
            #expect(spec.subcommandName == (pieces.count == 2 ? pieces[1] : nil), "\(spec.name)")
        }
    }
}

/// The models of a finished scan. Freed at once by default, their memory handed back to the system
/// (`malloc_trim`: glibc returns only free memory at the top of a heap by itself, and the models lie below
/// what is still in use). A command that exits right after its report keeps them instead
/// (`Scanner.Options.keepsModelsUntilExit`): tearing down every op of a large tree was a tenth of the serial
/// time after the rules ran. (They are not freed on another thread: such a thread can still be running when
/// the process exits, and the one AddressSanitizer failure seen in CI came while one was.)
final class RetiredModels: @unchecked Sendable {
    private var models: [FileModel]
    private var project: ProjectModel?

    init(models: consuming [FileModel], project: consuming ProjectModel) {
        self.models = models
        self.project = project
    }

    func retire(keepingUntilExit: Bool) {
        if keepingUntilExit {
            RetiredModels.kept.withLock { $0.append(self) }
        } else {
            models = []
            project = nil
            System.returnFreedMemory()
        }
    }

    private static let kept = Locked<[RetiredModels]>([])
}

import Dispatch

/// The models of a finished scan, freed on another thread: tearing down every op of a large tree took
/// a tenth of the serial time after the rules ran, while the report is built on the calling thread. Their
/// memory then goes back to the system (`malloc_trim`): glibc returns only free memory at the top of a
/// heap by itself, and the models lie below what is still in use.
final class RetiredModels: @unchecked Sendable {
    private var models: [FileModel]
    private var project: ProjectModel?

    init(models: consuming [FileModel], project: consuming ProjectModel) {
        self.models = models
        self.project = project
    }

    consuming func releaseInBackground() {
        DispatchQueue.global(qos: .utility).async { [self] in
            models = []
            project = nil
            System.returnFreedMemory()
        }
    }
}

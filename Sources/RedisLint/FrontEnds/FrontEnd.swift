/// Phase 1 for one file: lex, find functions and Redis calls, and build the file's model.
public enum FrontEnd {
    public static func analyze(_ source: SourceFile) -> FileModel {
        switch source.language {
        case .ruby, .python, .javascript, .swift, .lua:
            return FileModel(source: source)
        }
    }
}

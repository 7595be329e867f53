public enum LuaParseVersion { public static let version = "0.1.0" }

//! Texts of the catalogue that several codes share: labels, help lines and the words of a
//! diagnostic's place.

catalogue! {
    /// Labels and help lines of many codes.
    common {
        text here() "here" "此处";
        text nothing() "" "";
        text did_you_mean(name) "did you mean `{name}`?" "是否想写 `{name}`？";
        text near(excerpt) ", near `{excerpt}`" "，靠近 `{excerpt}`";
        text at_place(place, near) " (at {place}{near})" "（位于 {place}{near}）";
    }
    /// Why the operating system refused a file: the common kinds in both languages, the
    /// system's own words quoted after them.
    os_error {
        text not_found(os) "{os}" "文件或目录不存在（系统信息：“{os}”）";
        text permission_denied(os) "{os}" "没有访问权限（系统信息：“{os}”）";
        text already_exists(os) "{os}" "已存在（系统信息：“{os}”）";
        text is_a_directory(os) "{os}" "这是一个目录（系统信息：“{os}”）";
        text not_a_directory(os) "{os}" "路径中有一部分不是目录（系统信息：“{os}”）";
        text storage_full(os) "{os}" "磁盘已满（系统信息：“{os}”）";
        text read_only(os) "{os}" "文件系统为只读（系统信息：“{os}”）";
        text invalid_data(os) "{os}" "内容无法读取（系统信息：“{os}”）";
        text other(os) "{os}" "系统拒绝了操作（系统信息：“{os}”）";
    }
}

/// Why an input or output failed, for people: its kind in the language shown, the operating
/// system's own text quoted (it is English whatever the language).
pub fn io_why(e: &std::io::Error) -> crate::diag::text::Text {
    use std::io::ErrorKind as K;
    let os = e.to_string();
    match e.kind() {
        K::NotFound => os_error::not_found(os),
        K::PermissionDenied => os_error::permission_denied(os),
        K::AlreadyExists => os_error::already_exists(os),
        K::IsADirectory => os_error::is_a_directory(os),
        K::NotADirectory => os_error::not_a_directory(os),
        K::StorageFull => os_error::storage_full(os),
        K::ReadOnlyFilesystem => os_error::read_only(os),
        K::InvalidData => os_error::invalid_data(os),
        _ => os_error::other(os),
    }
}

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
}

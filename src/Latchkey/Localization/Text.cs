namespace Latchkey.Localization;

/// <summary>
/// The one resource set for the panel's user-visible texts: <c>Text.resx</c> beside this file and its translations
/// (<c>Text.de.resx</c>, <c>Text.fr.resx</c>, <c>Text.ru.resx</c>).
/// </summary>
/// <remarks>
/// Pages reach it as <c>@T[english text]</c> (injected in <c>_ViewImports.cshtml</c>), code as
/// <c>IStringLocalizer&lt;Text&gt;</c>. The key is the English text itself, so a text not translated yet still reads
/// in English; a test lists every key used and fails when a language lacks one.
/// </remarks>
internal sealed class Text;

namespace Identomat.Sdk.Media;

/// <summary>
/// The media types a media answer may be shown as: raster images and videos. The server's <c>Content-Type</c> is its
/// own text, and an application may serve media from its own origin with it; a type that a browser would run (HTML,
/// SVG, script) or that is not a picture or a video becomes <c>application/octet-stream</c>. Parameters are dropped.
/// </summary>
internal static class MediaTypes
{
    public const string Unknown = "application/octet-stream";

    private static readonly Dictionary<string, string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        ["image/jpeg"] = "image/jpeg",
        ["image/jpg"] = "image/jpeg",
        ["image/pjpeg"] = "image/jpeg",
        ["image/png"] = "image/png",
        ["image/webp"] = "image/webp",
        ["image/heic"] = "image/heic",
        ["image/heif"] = "image/heif",
        ["image/avif"] = "image/avif",
        ["image/gif"] = "image/gif",
        ["image/bmp"] = "image/bmp",
        ["image/tiff"] = "image/tiff",
        ["video/mp4"] = "video/mp4",
        ["video/webm"] = "video/webm",
        ["video/quicktime"] = "video/quicktime",
        ["video/x-matroska"] = "video/x-matroska",
        ["video/3gpp"] = "video/3gpp",
        ["video/mpeg"] = "video/mpeg",
        ["video/ogg"] = "video/ogg",
    };

    /// <summary>The declared media type (without parameters) when it is an allowed one, in its usual spelling; <see cref="Unknown"/> otherwise.</summary>
    public static string Safe(string? declared) =>
        declared is not null && Allowed.TryGetValue(declared.Trim(), out var type) ? type : Unknown;
}

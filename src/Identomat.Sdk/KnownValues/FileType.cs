namespace Identomat.Sdk;

/// <summary>
/// A file type a file or attachment question accepts (<c>fileTypes</c>). The server knows <c>pdf</c> and <c>image</c>; the validator rejects other values.
/// An open set: any value the server sends or accepts is representable; the static members are the known ones.
/// Compared by value (ordinal).
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(FileTypeJsonConverter))]
public readonly record struct FileType : IOpenValue
{
    /// <summary>Creates a value from its wire spelling.</summary>
    /// <param name="value">The value as written on the wire.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    public FileType(string value) => Value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The value as written on the wire.</summary>
    public string Value { get; }

    /// <summary>PDF documents: <c>pdf</c>.</summary>
    public static FileType Pdf { get; } = new("pdf");

    /// <summary>Images: <c>image</c>.</summary>
    public static FileType Image { get; } = new("image");

    /// <summary>Converts a wire spelling to a value.</summary>
    /// <param name="value">The value as written on the wire.</param>
    public static implicit operator FileType(string value) => new(value);

    /// <summary>The wire spelling.</summary>
    public override string ToString() => Value ?? string.Empty;
}

/// <summary>The JSON converter of <see cref="FileType"/>: its wire string. Public so that an application's own source-generated context can use it.</summary>
public sealed class FileTypeJsonConverter() : WireValueJsonConverter<FileType>(v => new(v), v => v.Value);

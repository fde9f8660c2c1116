namespace Identomat.Sdk;

/// <summary>A question answered with files: <see cref="FileQuestion"/> and <see cref="AttachmentQuestion"/>.</summary>
public abstract record FilesQuestion : Question
{
    private readonly IReadOnlyList<FileType>? _fileTypes;

    private protected FilesQuestion(string type)
        : base(type)
    {
    }

    /// <summary><c>description</c>: text under the title, per language.</summary>
    [JsonPropertyName(WireNames.Description), JsonPropertyOrder(-50), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public LocalizedText? Description { get; init; }

    /// <summary><c>fileTypes</c>: the file types accepted; a non-empty subset of <see cref="FileType.Pdf"/> and <see cref="FileType.Image"/>.</summary>
    /// <value>Server default: both.</value>
    [JsonPropertyName(WireNames.FileTypes), JsonPropertyOrder(-49), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<FileType>? FileTypes { get => _fileTypes; init => _fileTypes = ValueList<FileType>.From(value); }

    /// <summary><c>filesMaxCount</c>: the most files accepted, 1 to 10.</summary>
    /// <value>Server default: 10.</value>
    [JsonPropertyName(WireNames.FilesMaxCount), JsonPropertyOrder(-48), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? FilesMaxCount { get; init; }
}

namespace Identomat.Sdk;

/// <summary>A file-upload question (<c>file</c>). No preset answer.</summary>
public sealed record FileQuestion : FilesQuestion
{
    /// <summary>The question's <c>type</c>: <c>file</c>.</summary>
    public const string TypeName = "file";

    /// <summary>Creates the question with nothing set.</summary>
    public FileQuestion()
        : base(TypeName)
    {
    }
}

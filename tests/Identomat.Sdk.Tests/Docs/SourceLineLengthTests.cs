namespace Identomat.Sdk.Tests.Docs;

/// <summary>The core SDK's source reads without scrolling sideways: no line over 160 characters.</summary>
public class SourceLineLengthTests
{
    [Test]
    public void No_line_of_the_core_sdk_is_longer_than_160_characters()
    {
        var root = Path.Combine(RepositoryPaths.Root, "src", "Identomat.Sdk");
        var separator = Path.DirectorySeparatorChar;
        var longLines =
            from file in Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories)
            where !file.Contains($"{separator}obj{separator}", StringComparison.Ordinal) && !file.Contains($"{separator}bin{separator}", StringComparison.Ordinal)
            from line in File.ReadLines(file).Select((text, index) => (text, number: index + 1))
            where line.text.Length > 160
            select $"{Path.GetRelativePath(root, file)}:{line.number} ({line.text.Length})";

        Assert.That(longLines, Is.Empty);
    }
}

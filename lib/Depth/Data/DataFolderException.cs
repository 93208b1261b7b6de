namespace Depth;

/// <summary>A data folder is unusable as it stands: it lacks a file of the set, has a directory
/// where a file should be, or the explicitly named folder (<c>COURSE_DATA</c>) does not exist. The
/// message names every folder involved. Unlike <see cref="DatasetNotFoundException"/> this is never
/// answered by falling back to another source: the learner's files need attention.</summary>
public sealed class DataFolderException : IOException
{
    /// <summary>Creates the exception.</summary>
    public DataFolderException(string message, IReadOnlyList<string> folders) : base(message)
        => Folders = folders;

    /// <summary>The folders the message names, the one at fault first.</summary>
    public IReadOnlyList<string> Folders { get; }
}

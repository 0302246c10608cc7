using System.Diagnostics;

namespace TrackerRace.CorpusScan.Corpus;

/// <summary>
/// Which commit a code base is at: its own git work tree's HEAD, else a <c>COMMIT</c> file, else the
/// manifest. Labels are tied to a commit, so a scan must say which sources it read.
/// </summary>
public static class CommitResolver
{
    public static (string Commit, string Source) Resolve(string root, ManifestEntry? entry)
    {
        // Only a work tree rooted here: a code base copied inside another repository must not take that repository's HEAD.
        if ((Directory.Exists(Path.Combine(root, ".git")) || File.Exists(Path.Combine(root, ".git"))) && GitHead(root) is { } head)
        {
            return (head, "git");
        }

        var commitFile = Path.Combine(root, "COMMIT");
        if (File.Exists(commitFile) && File.ReadLines(commitFile).Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) is { } written)
        {
            return (written, "COMMIT");
        }

        if (entry is { Commit.Length: > 0 })
        {
            return (entry.Commit, "manifest");
        }

        return (CodeBase.UnknownCommit, "none");
    }

    private static string? GitHead(string root)
    {
        try
        {
            var start = new ProcessStartInfo("git", ["-C", root, "rev-parse", "HEAD"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            using var git = Process.Start(start);
            if (git is null)
            {
                return null;
            }

            var output = git.StandardOutput.ReadToEnd().Trim();
            git.StandardError.ReadToEnd();
            git.WaitForExit();
            return git.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No git on this machine: fall back to COMMIT or the manifest.
            return null;
        }
    }
}

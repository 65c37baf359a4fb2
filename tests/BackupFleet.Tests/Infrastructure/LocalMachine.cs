using System.Net;
using System.Net.Sockets;

namespace BackupFleet.Tests.Infrastructure;

/// <summary>Where things are on the machine the tests run on.</summary>
public static class LocalMachine
{
    /// <summary>A TCP port on the loopback address that nothing listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The repository the tests were built from, found upwards from the test output directory.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BackupFleet.sln")))
                return dir.FullName;
        throw new DirectoryNotFoundException("BackupFleet.sln not found above " + AppContext.BaseDirectory);
    }
}

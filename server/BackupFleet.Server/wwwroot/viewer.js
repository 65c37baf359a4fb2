// What the dashboard asks of the browser (Components/Shared/ViewerZoneSource.cs, Components/Layout/MainLayout.razor).
window.backupFleet = {
  timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone || null,
  rememberTheme: (theme) => {
    document.cookie = `backupfleet.theme=${theme}; path=/; max-age=31536000; samesite=strict`;
  },
};

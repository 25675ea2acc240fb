; 年报审校's installer for office PCs: one user, no administrator rights (locked-down PCs), silent with /S.
; Built on Linux by windows.sh with Debian's makensis:
;   makensis -INPUTCHARSET UTF8 -DVERSION=0.1.0 -DDIST=dist/nianbao-check -DICON=resources/icons/app.ico \
;            -DOUTFILE=年报审校-安装-0.1.0.exe build_spec/windows/installer.nsi
; Installs into %LOCALAPPDATA%\Programs\nianbao-check (as per-user programs do), adds Start-menu and desktop
; shortcuts and a "用年报审校检查" entry on the right-click menu of report files and folders — no file
; associations: report files stay WPS's or Word's. The uninstaller removes all of it; the user's data
; (%APPDATA%\nianbao\nianbao-check: marks, the 审校台账, settings) is the inspector's work and stays.
Unicode true
Target amd64-unicode  ; the program is x64 only (and Wine on Debian runs 64-bit programs only)
!include "MUI2.nsh"

!define APP "年报审校"
!define KEY "nianbao-check"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${KEY}"
!define MENU_LABEL "用年报审校检查"
; what the program reads (importers/formats.py); the entry appears beside the files' own programs
!macro ForEachReportType M
    !insertmacro ${M} "SystemFileAssociations\.pdf"
    !insertmacro ${M} "SystemFileAssociations\.ofd"
    !insertmacro ${M} "SystemFileAssociations\.docx"
    !insertmacro ${M} "SystemFileAssociations\.doc"
    !insertmacro ${M} "SystemFileAssociations\.wps"
    !insertmacro ${M} "SystemFileAssociations\.rtf"
    !insertmacro ${M} "SystemFileAssociations\.xlsx"
    !insertmacro ${M} "SystemFileAssociations\.xls"
    !insertmacro ${M} "SystemFileAssociations\.et"
    !insertmacro ${M} "SystemFileAssociations\.txt"
    !insertmacro ${M} "SystemFileAssociations\.htm"
    !insertmacro ${M} "SystemFileAssociations\.html"
    !insertmacro ${M} "SystemFileAssociations\.mht"
    !insertmacro ${M} "SystemFileAssociations\.mhtml"
!macroend

Name "${APP} ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\${KEY}"
RequestExecutionLevel user
SetCompressor /SOLID lzma
ShowInstDetails nevershow
ShowUninstDetails nevershow
BrandingText "${APP} ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=2052 "ProductName" "${APP} nianbao-check"
VIAddVersionKey /LANG=2052 "FileDescription" "${APP} 安装程序"
VIAddVersionKey /LANG=2052 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=2052 "CompanyName" "县政务公开办"
VIAddVersionKey /LANG=2052 "LegalCopyright" "县政务公开办"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_FINISHPAGE_RUN "$INSTDIR\nianbao-check.exe"
!define MUI_FINISHPAGE_RUN_TEXT "启动${APP}"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

; the right-click entry: HKCU\Software\Classes\SystemFileAssociations\<ext>\shell\nianbao-check
; (adds a verb to the type whatever program it belongs to, without taking the type over)
!macro MenuEntry ROOT
    WriteRegStr HKCU "Software\Classes\${ROOT}\shell\${KEY}" "" "${MENU_LABEL}"
    WriteRegStr HKCU "Software\Classes\${ROOT}\shell\${KEY}" "Icon" '"$INSTDIR\nianbao-check.exe",0'
    WriteRegStr HKCU "Software\Classes\${ROOT}\shell\${KEY}\command" "" '"$INSTDIR\nianbao-check.exe" "%1"'
!macroend
!macro MenuEntries
    !insertmacro MenuEntry "Directory"
    !insertmacro ForEachReportType MenuEntry
!macroend
!macro DropMenuEntry ROOT
    DeleteRegKey HKCU "Software\Classes\${ROOT}\shell\${KEY}"
    ; the keys above ours, when we made them and nothing else is in them
    DeleteRegKey /ifempty HKCU "Software\Classes\${ROOT}\shell"
    DeleteRegKey /ifempty HKCU "Software\Classes\${ROOT}"
!macroend

Section "install"
    SetShellVarContext current
    SetOutPath "$INSTDIR"
    ; an older version's files go first (a file the new version no longer has must not stay)
    RMDir /r "$INSTDIR\_internal"
    File /r "${DIST}/*"
    WriteUninstaller "$INSTDIR\uninstall.exe"
    CreateShortCut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\nianbao-check.exe" "" "$INSTDIR\nianbao-check.exe" 0
    CreateShortCut "$DESKTOP\${APP}.lnk" "$INSTDIR\nianbao-check.exe" "" "$INSTDIR\nianbao-check.exe" 0
    !insertmacro MenuEntries
    WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP}"
    WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
    WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "县政务公开办"
    WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" '"$INSTDIR\nianbao-check.exe",0'
    WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
    WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
    WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
    WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
    WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "uninstall"
    SetShellVarContext current
    Delete "$SMPROGRAMS\${APP}.lnk"
    Delete "$DESKTOP\${APP}.lnk"
    !insertmacro DropMenuEntry "Directory"
    !insertmacro ForEachReportType DropMenuEntry
    DeleteRegKey /ifempty HKCU "Software\Classes\SystemFileAssociations"
    DeleteRegKey HKCU "${UNINSTALL_KEY}"
    ; only what the installer put there (a folder chosen by the user may hold other files)
    RMDir /r "$INSTDIR\_internal"
    Delete "$INSTDIR\nianbao-check.exe"
    Delete "$INSTDIR\nianbao-check-cli.exe"
    Delete "$INSTDIR\uninstall.exe"
    RMDir "$INSTDIR"
    RMDir "$LOCALAPPDATA\Programs"
SectionEnd

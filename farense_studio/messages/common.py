"""Message texts shared by every front end."""

MESSAGES = {
    "file_not_found": ("Ficheiro ou pasta não encontrado: {path}", "File or folder not found: {path}"),
    "permission_denied": ("Sem permissão para ler ou escrever: {path}", "Permission denied: {path}"),
    "disk_full": ("Não há espaço livre suficiente em disco ({needed} necessários, {free} livres).",
                  "Not enough free disk space ({needed} needed, {free} free)."),
    "unexpected_error": ("Erro inesperado: {detail}", "Unexpected error: {detail}"),
}

"""Message texts of the inference program and the local server for the club's bot."""

from farense_studio.serve.inference_program import MESSAGES as _INFERENCE_PROGRAM

MESSAGES = {
    # The inference program carries its own texts (it runs without the app); one source.
    **_INFERENCE_PROGRAM,
    # --- the local server: request errors (JSON bodies) -----------------------------------
    "serve_not_found": ("Caminho desconhecido: {path}. Use POST /v1/chat/completions ou GET /v1/models.",
                        "Unknown path: {path}. Use POST /v1/chat/completions or GET /v1/models."),
    "serve_length_required": ("O pedido tem de indicar Content-Length.", "The request must send Content-Length."),
    "serve_bad_length": ("Content-Length inválido.", "Invalid Content-Length."),
    "serve_too_large": ("O pedido é demasiado grande (máximo {limit} bytes).",
                        "The request is too large (at most {limit} bytes)."),
    "serve_bad_json": ("O corpo do pedido não é um objeto JSON válido.", "The request body is not a valid JSON object."),
    "serve_no_messages": ("O pedido tem de trazer «messages»: uma lista de mensagens {{role, content}}.",
                          "The request must bring “messages”: a list of {{role, content}} messages."),
    "serve_bad_message": ("A mensagem n.º {index} é inválida: role tem de ser system, user ou assistant e "
                          "content um texto.",
                          "Message {index} is invalid: role must be system, user or assistant and content a text."),
    "serve_empty_prompt": ("A conversa não tem nenhuma pergunta (mensagem user com texto).",
                           "The conversation has no question (a user message with text)."),
    "serve_no_prompt": ("O pedido tem de trazer «prompt» com texto.", "The request must bring a “prompt” text."),
    "serve_bad_param": ("Valor inválido para «{name}» (permitido: {allowed}).",
                        "Invalid value for “{name}” (allowed: {allowed})."),
    "serve_busy": ("O servidor tem demasiados pedidos em espera; tente daqui a pouco.",
                   "Too many requests are waiting; try again shortly."),
    "serve_model_unknown": ("Modelo desconhecido: {model}.", "Unknown model: {model}."),
    # --- starting ---------------------------------------------------------------------------
    "serve_model_failed": ("Não foi possível carregar o modelo: {detail}", "Could not load the model: {detail}"),
    "serve_port_in_use": ("A porta {port} já está ocupada ({detail}). Feche o outro servidor ou use --port.",
                          "Port {port} is already in use ({detail}). Close the other server or use --port."),
    "serve_loading": ("A carregar o modelo {model}…", "Loading the model {model}…"),
    "serve_ready": ("Servidor pronto em {url} (modelo «{name}»). Ctrl+C para parar.",
                    "Server ready at {url} (model “{name}”). Ctrl+C to stop."),
    "serve_stopped": ("Servidor parado.", "Server stopped."),
}
